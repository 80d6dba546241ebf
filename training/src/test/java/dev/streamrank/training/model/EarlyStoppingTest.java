package dev.streamrank.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stopping rule: best validation kept, patience counted, divergence handled. */
class EarlyStoppingTest {

    @Test
    void improvementKeepsWeights() {
        EarlyStopping stopping = new EarlyStopping(2);

        assertEquals(EarlyStopping.Decision.KEEP_WEIGHTS, stopping.validated(5, 0.02));
        assertEquals(EarlyStopping.Decision.KEEP_WEIGHTS, stopping.validated(10, 0.03));
        assertEquals(10, stopping.bestEpoch());
        assertEquals(0.03, stopping.bestNdcg());
    }

    @Test
    void patienceEndsRunWithoutImprovement() {
        EarlyStopping stopping = new EarlyStopping(2);
        stopping.validated(5, 0.03);

        assertEquals(EarlyStopping.Decision.CONTINUE, stopping.validated(10, 0.02));
        assertEquals(EarlyStopping.Decision.STOP, stopping.validated(15, 0.03));
        assertEquals(5, stopping.bestEpoch());
    }

    @Test
    void improvementResetsPatience() {
        EarlyStopping stopping = new EarlyStopping(2);
        stopping.validated(5, 0.03);
        stopping.validated(10, 0.02);

        assertEquals(EarlyStopping.Decision.KEEP_WEIGHTS, stopping.validated(15, 0.04));
        assertEquals(EarlyStopping.Decision.CONTINUE, stopping.validated(20, 0.01));
    }

    @Test
    void divergenceAfterValidationStopsWithBestEpoch() {
        EarlyStopping stopping = new EarlyStopping(5);
        stopping.validated(5, 0.03);

        assertEquals(EarlyStopping.Decision.STOP, stopping.diverged(9, Double.NaN, 0.002f, 5));
        assertEquals(9, stopping.divergedAtEpoch());
        assertEquals(5, stopping.bestEpoch());
    }

    @Test
    void divergenceBeforeValidationFails() {
        EarlyStopping stopping = new EarlyStopping(5);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> stopping.diverged(3, Double.POSITIVE_INFINITY, 0.002f, 5));

        assertTrue(error.getMessage().contains("training loss became Infinity at epoch 3"), error.getMessage());
        assertTrue(error.getMessage().contains("lower the learning rate (now 0.002)"), error.getMessage());
    }

    @Test
    void finiteRunReportsNoDivergence() {
        EarlyStopping stopping = new EarlyStopping(5);
        stopping.validated(5, 0.03);

        assertEquals(0, stopping.divergedAtEpoch());
    }
}
