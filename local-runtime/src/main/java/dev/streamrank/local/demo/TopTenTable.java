package dev.streamrank.local.demo;

import java.io.PrintWriter;
import java.util.List;

/** Prints rankings as numbered title lists, alone or two side by side. */
final class TopTenTable {

    private static final int COLUMN = 52;

    private TopTenTable() {
    }

    static void print(PrintWriter out, String heading, Ranking ranking) {
        out.println(heading + "  [" + ranking.strategy() + ", " + ranking.modelVersion() + "]");
        List<Ranking.Item> items = ranking.items();
        for (int i = 0; i < items.size(); i++) {
            out.println(line(i, items.get(i)));
        }
        if (items.isEmpty()) {
            out.println("   (no items)");
        }
        out.println();
    }

    static void printSideBySide(PrintWriter out, String leftHeading, Ranking left, String rightHeading, Ranking right) {
        out.println(pad(leftHeading, COLUMN) + " | " + rightHeading);
        out.println("-".repeat(COLUMN) + "-+-" + "-".repeat(COLUMN));
        int rows = Math.max(left.items().size(), right.items().size());
        for (int i = 0; i < rows; i++) {
            String l = i < left.items().size() ? line(i, left.items().get(i)) : "";
            String r = i < right.items().size() ? line(i, right.items().get(i)) : "";
            boolean isNew = i < right.items().size() && !contains(left, right.items().get(i).itemId());
            out.println(pad(l, COLUMN) + " | " + r + (isNew ? "  (new)" : ""));
        }
        out.println();
    }

    private static boolean contains(Ranking ranking, String itemId) {
        return ranking.items().stream().anyMatch(item -> item.itemId().equals(itemId));
    }

    private static String line(int index, Ranking.Item item) {
        return String.format("%2d. %s", index + 1, item.title());
    }

    private static String pad(String text, int width) {
        if (text.length() > width) {
            return text.substring(0, width - 3) + "...";
        }
        return text + " ".repeat(width - text.length());
    }
}
