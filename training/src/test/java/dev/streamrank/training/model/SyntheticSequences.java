package dev.streamrank.training.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded toy sequences with learnable structure: each user walks forward through the catalog in
 * steps of 1 or 2, so the next item is predictable from the last one.
 */
public final class SyntheticSequences {

    private SyntheticSequences() {
    }

    public static List<int[]> walks(int users, int itemCount, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> sequences = new ArrayList<>(users);
        for (int user = 0; user < users; user++) {
            int[] sequence = new int[length];
            int item = 1 + random.nextInt(itemCount);
            for (int i = 0; i < length; i++) {
                sequence[i] = item;
                item = 1 + (item - 1 + 1 + random.nextInt(2)) % itemCount;
            }
            sequences.add(sequence);
        }
        return sequences;
    }
}
