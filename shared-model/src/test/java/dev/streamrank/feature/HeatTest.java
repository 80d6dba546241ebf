package dev.streamrank.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeatTest {

    private static final long HOUR = 3_600_000L;
    private static final long T = 1_793_700_000_000L;

    @Test
    void firstEventSetsHeatAndTime() {
        double[] heat = Heat.add(0, 0, 2.0, T, HOUR);

        assertEquals(2.0, heat[0]);
        assertEquals(T, (long) heat[1]);
    }

    @Test
    void laterEventDecaysTheStoredHeatFirst() {
        double[] heat = Heat.add(4.0, T, 1.0, T + 2 * HOUR, HOUR);

        assertEquals(4.0 / 4 + 1.0, heat[0], 1e-12);
        assertEquals(T + 2 * HOUR, (long) heat[1]);
    }

    @Test
    void lateEventKeepsHeatTime() {
        double[] heat = Heat.add(4.0, T, 1.0, T - HOUR, HOUR);

        assertEquals(4.5, heat[0], 1e-12);
        assertEquals(T, (long) heat[1]);
    }

    @Test
    void eventOrderDoesNotChangeTheScore() {
        double[] inOrder = Heat.add(Heat.add(0, 0, 1.0, T, HOUR)[0], T, 3.0, T + HOUR, HOUR);
        double[] first = Heat.add(0, 0, 3.0, T + HOUR, HOUR);
        double[] outOfOrder = Heat.add(first[0], (long) first[1], 1.0, T, HOUR);

        assertEquals(Heat.logScore(inOrder[0], (long) inOrder[1], HOUR),
                Heat.logScore(outOfOrder[0], (long) outOfOrder[1], HOUR), 1e-12);
    }

    @Test
    void logScoreComparesItemsStoredAtDifferentTimes() {
        double olderButHotter = Heat.logScore(8.0, T, HOUR);
        double newerButColder = Heat.logScore(1.0, T + 2 * HOUR, HOUR);
        double equalAfterDecay = Heat.logScore(2.0, T + 2 * HOUR, HOUR);

        assertTrue(olderButHotter > newerButColder, "8 decayed by two half-lives is 2, more than 1");
        assertEquals(olderButHotter, equalAfterDecay, 1e-9);
    }

    @Test
    void itemWithoutHeatScoresNegativeInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, Heat.logScore(0, 0, HOUR));
    }
}
