package dev.streamrank.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BCE negatives come from the items a user never interacted with, as in the PyTorch reference. */
class NegativeSamplingTest {

    @Test
    void negativesAvoidTheUsersItems() {
        int[] sequence = {1, 2, 3, 4, 5, 6, 7, 8};
        long[] negatives = new long[1000];

        SasRecTrainer.sampleUnseen(sequence, 10, new SplittableRandom(1L), negatives, 0, negatives.length);

        Set<Long> drawn = new HashSet<>();
        for (long item : negatives) {
            assertTrue(item == 9 || item == 10, "negative " + item + " is one of the user's items or out of range");
            drawn.add(item);
        }
        assertEquals(Set.of(9L, 10L), drawn, "both unseen items are drawn");
    }

    @Test
    void negativesFillOnlyTheirRow() {
        long[] negatives = new long[12];

        SasRecTrainer.sampleUnseen(new int[] {1}, 5, new SplittableRandom(2L), negatives, 4, 4);

        assertEquals(0, Arrays.stream(negatives, 0, 4).sum());
        assertEquals(0, Arrays.stream(negatives, 8, 12).sum());
        assertFalse(Arrays.stream(negatives, 4, 8).anyMatch(item -> item < 2 || item > 5));
    }

    @Test
    void userWhoSawEveryItemStillGetsNegatives() {
        long[] negatives = new long[6];

        SasRecTrainer.sampleUnseen(new int[] {1, 2, 3}, 3, new SplittableRandom(3L), negatives, 0, 6);

        assertTrue(Arrays.stream(negatives).allMatch(item -> item >= 1), "no padding index");
        assertTrue(Arrays.stream(negatives).allMatch(item -> item <= 3), "no index past the catalog");
    }
}
