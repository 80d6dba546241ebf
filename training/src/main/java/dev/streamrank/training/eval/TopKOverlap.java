package dev.streamrank.training.eval;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Mean share of top-10 items two scorers agree on, with each user's earlier items excluded. */
public final class TopKOverlap {

    private TopKOverlap() {
    }

    public static double mean(CatalogScorer first, CatalogScorer second, List<RankingCase> cases, int itemCount)
            throws Exception {
        double sum = 0;
        for (int start = 0; start < cases.size(); start += 128) {
            List<RankingCase> batch = cases.subList(start, Math.min(cases.size(), start + 128));
            List<int[]> histories = batch.stream().map(RankingCase::history).toList();
            float[][] a = first.scoreCatalog(histories);
            float[][] b = second.scoreCatalog(histories);
            for (int row = 0; row < batch.size(); row++) {
                Set<Integer> topA = top(a[row], batch.get(row).excluded(), itemCount);
                Set<Integer> topB = top(b[row], batch.get(row).excluded(), itemCount);
                topA.retainAll(topB);
                sum += topA.size() / (double) RankingEvaluator.CUTOFF;
            }
        }
        return sum / cases.size();
    }

    private static Set<Integer> top(float[] scores, int[] excluded, int itemCount) {
        boolean[] skip = new boolean[itemCount + 1];
        for (int item : excluded) {
            skip[item] = true;
        }
        Integer[] items = new Integer[itemCount];
        for (int i = 0; i < itemCount; i++) {
            items[i] = i + 1;
        }
        Arrays.sort(items, (x, y) -> scores[y] != scores[x] ? Float.compare(scores[y], scores[x]) : Integer.compare(x, y));
        Set<Integer> top = new HashSet<>();
        for (Integer item : items) {
            if (!skip[item]) {
                top.add(item);
                if (top.size() == RankingEvaluator.CUTOFF) {
                    break;
                }
            }
        }
        return top;
    }
}
