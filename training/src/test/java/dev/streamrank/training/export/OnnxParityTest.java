package dev.streamrank.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.streamrank.artifact.OnnxScorer;
import dev.streamrank.training.eval.RankingCase;
import dev.streamrank.training.model.LossKind;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.model.SasRecScorer;
import dev.streamrank.training.model.SasRecTrainer;
import dev.streamrank.training.model.SasRecWeights;
import dev.streamrank.training.model.SyntheticSequences;
import dev.streamrank.training.model.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exported fp32 graph computes what the DJL network computes, on ONNX Runtime. */
class OnnxParityTest {

    private static final int ITEMS = 60;
    private static final int MAX_LEN = 12;
    private static final float TOLERANCE = 1e-4f;

    private static SasRecTrainer trainer;
    private static OnnxScorer onnx;
    private static SasRecWeights weights;

    @BeforeAll
    static void trainSmallModel() throws Exception {
        SasRecConfig config = new SasRecConfig(16, 2, 2, MAX_LEN, 0.1f, 16, 0.01f, 2, 8, LossKind.SOFTMAX, 5, 1, 7L);
        trainer = new SasRecTrainer(config, ITEMS, Device.cpu());
        List<int[]> sequences = SyntheticSequences.walks(48, ITEMS, 20, 3L);
        List<RankingCase> validation = sequences.stream()
                .map(s -> new RankingCase(Arrays.copyOf(s, s.length - 1), s[s.length - 1], new int[0])).toList();
        weights = trainer.fit(sequences, validation, TrainingListener.NONE).best();
        onnx = OnnxScorer.load(SasRecOnnxExporter.export(weights, WeightPrecision.FP32), 1);
    }

    @AfterAll
    static void close() throws Exception {
        onnx.close();
        trainer.close();
    }

    @ParameterizedTest(name = "history length {0}, batch {1}")
    @CsvSource({"1,1", "1,7", "11,1", "11,7", "12,1", "12,7", "17,1", "17,7"})
    void fp32MatchesDjl(int historyLength, int batch) throws Exception {
        SplittableRandom random = new SplittableRandom(historyLength * 31L + batch);
        List<int[]> histories = new ArrayList<>();
        long[][] candidates = new long[batch][9];
        for (int row = 0; row < batch; row++) {
            histories.add(random.ints(historyLength, 1, ITEMS + 1).toArray());
            candidates[row] = random.longs(9, 1, ITEMS + 1).toArray();
        }

        SasRecScorer djl = trainer.scorer();
        float[][] expectedScores = djl.score(histories, candidates);
        float[][] expectedUsers = djl.userVectors(histories);
        OnnxScorer.Scores actual = onnx.score(histories.stream().map(OnnxParityTest::toLongs).toList(), candidates);

        for (int row = 0; row < batch; row++) {
            assertClose(expectedScores[row], actual.scores()[row], "scores row " + row);
            assertClose(expectedUsers[row], actual.userVectors()[row], "user_vector row " + row);
        }
    }

    @Test
    void emptyHistoryIsFiniteAndDiffersFromOneItem() throws Exception {
        long[][] candidates = {{1, 2, 3, 4}, {1, 2, 3, 4}};
        OnnxScorer.Scores scores = onnx.score(List.of(new long[0], new long[] {5}), candidates);

        for (float value : scores.scores()[0]) {
            assertTrue(Float.isFinite(value), "empty history score " + value);
        }
        for (float value : scores.userVectors()[0]) {
            assertTrue(Float.isFinite(value), "empty history user vector " + value);
        }
        assertNotEquals(Arrays.toString(scores.scores()[0]), Arrays.toString(scores.scores()[1]));
    }

    @Test
    void scorerReportsContractDimensions() {
        assertEquals(MAX_LEN, onnx.maxLen());
        assertEquals(16, onnx.dimension());
    }

    @Test
    void int8ModelPassesContractCheck() throws Exception {
        try (OnnxScorer int8 = OnnxScorer.load(SasRecOnnxExporter.export(weights, WeightPrecision.INT8), 1)) {
            OnnxScorer.Scores scores = int8.score(List.of(new long[] {3, 4, 5}), new long[][] {{6, 7, 8}});

            assertEquals(MAX_LEN, int8.maxLen());
            for (float value : scores.scores()[0]) {
                assertTrue(Float.isFinite(value), "int8 score " + value);
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, what + " index " + i);
        }
    }

    private static long[] toLongs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }
}
