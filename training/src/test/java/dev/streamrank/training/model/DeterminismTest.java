package dev.streamrank.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import dev.streamrank.training.eval.RankingCase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On CPU the same seed and data give the same training run. */
class DeterminismTest {

    private static final int ITEMS = 40;

    @Test
    void sameSeedGivesSameLossesAndMetrics() throws Exception {
        List<Double> first = run(11L);
        List<Double> second = run(11L);

        assertEquals(first, second);
    }

    @Test
    void otherSeedGivesOtherLosses() throws Exception {
        assertNotEquals(run(11L), run(12L));
    }

    private static List<Double> run(long seed) throws Exception {
        SasRecConfig config = new SasRecConfig(16, 1, 2, 10, 0.2f, 8, 0.01f, 3, 1, LossKind.BCE, 5, 1, seed);
        List<int[]> sequences = SyntheticSequences.walks(24, ITEMS, 15, 5L);
        List<RankingCase> validation = sequences.stream()
                .map(s -> new RankingCase(Arrays.copyOf(s, s.length - 1), s[s.length - 1], new int[0])).toList();
        try (SasRecTrainer trainer = new SasRecTrainer(config, ITEMS, Device.cpu())) {
            TrainingResult result = trainer.fit(sequences, validation, TrainingListener.NONE);
            return result.epochs().stream()
                    .flatMap(epoch -> java.util.stream.Stream.of(epoch.loss(), epoch.validationNdcg10()))
                    .toList();
        }
    }
}
