package dev.streamrank.training;

import dev.streamrank.training.model.SyntheticSequences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes seeded walk sequences as a MovieLens {@code ratings.csv}, so the command line can read
 * them with {@code --movielens}: user u + 1 rates movie 1000 + item, one minute apart.
 */
final class SyntheticRatings {

    static final int USERS = 200;
    static final int ITEMS = 150;
    static final int LENGTH = 15;
    private static final long START_SECONDS = 1_600_000_000L;

    private SyntheticRatings() {
    }

    /** Returns the walks every data set here starts from: each user steps forward by 1 or 2 items. */
    static List<int[]> walks() {
        return SyntheticSequences.walks(USERS, ITEMS, LENGTH, 5L);
    }

    /** Writes one row per item of each sequence, in user order. */
    static Path write(Path directory, List<List<String>> sequences) throws IOException {
        Files.createDirectories(directory);
        List<String> lines = new ArrayList<>();
        lines.add("userId,movieId,rating,timestamp");
        for (int user = 0; user < sequences.size(); user++) {
            List<String> items = sequences.get(user);
            for (int position = 0; position < items.size(); position++) {
                lines.add((user + 1) + "," + items.get(position) + ",4.0," + (START_SECONDS + position * 60L + user));
            }
        }
        Files.write(directory.resolve("ratings.csv"), lines, StandardCharsets.UTF_8);
        return directory;
    }

    /** Returns the walks as movie ids. */
    static List<List<String>> forward() {
        return walks().stream().map(SyntheticRatings::movieIds).toList();
    }

    /**
     * Returns the walks with each user's last item moved half the catalog away from the one before:
     * a model trained on {@link #forward()} ranks the item next to the last one first, so it ranks
     * these test targets poorly.
     */
    static List<List<String>> jumpAtEnd() {
        return walks().stream().map(walk -> {
            int[] jumped = walk.clone();
            int before = jumped[jumped.length - 2];
            jumped[jumped.length - 1] = 1 + (before - 1 + ITEMS / 2) % ITEMS;
            return movieIds(jumped);
        }).toList();
    }

    private static List<String> movieIds(int[] walk) {
        List<String> ids = new ArrayList<>(walk.length);
        for (int item : walk) {
            ids.add(Integer.toString(1000 + item));
        }
        return ids;
    }
}
