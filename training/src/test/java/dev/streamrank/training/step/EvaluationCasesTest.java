package dev.streamrank.training.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.training.data.LeaveOneOutSplit;
import dev.streamrank.training.data.SequenceDataset;
import dev.streamrank.training.data.TimedItem;
import dev.streamrank.training.eval.RankingCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation data is mapped into the model's item indices through the model's vocabulary. */
class EvaluationCasesTest {

    /** The model numbers c, b, a, d as 1..4; the data below meets them in the order a, b, c, x. */
    private static final ItemVocabulary VOCABULARY = new ItemVocabulary(List.of("c", "b", "a", "d"));

    @Test
    void itemsGetTheModelsIndices() {
        EvaluationCases cases = EvaluationCases.of(data(List.of(
                List.of("a", "b", "c", "a"))), VOCABULARY);

        RankingCase only = cases.test().get(0);
        assertArrayEquals(new int[] {3, 2, 1}, only.history(), "a b c in model indices");
        assertEquals(3, only.target(), "a is model index 3");
        assertEquals(4, cases.itemCount(), "rankings run over the model's catalog");
        assertEquals(0, cases.usersSkipped());
    }

    @Test
    void unknownTargetSkipsTheUser() {
        EvaluationCases cases = EvaluationCases.of(data(List.of(
                List.of("a", "b", "c", "x"),
                List.of("b", "c", "a"))), VOCABULARY);

        assertEquals(1, cases.test().size());
        assertEquals(1, cases.usersSkipped());
        assertEquals(3, cases.test().get(0).target(), "the second user's a");
        assertEquals(1, cases.dataItemsUnknown(), "x");
    }

    @Test
    void unknownHistoryItemIsDroppedAndCounted() {
        EvaluationCases cases = EvaluationCases.of(data(List.of(
                List.of("x", "a", "b", "c"))), VOCABULARY);

        assertArrayEquals(new int[] {3, 2}, cases.test().get(0).history(), "x dropped from a b");
        assertArrayEquals(new int[] {3, 2}, cases.test().get(0).excluded());
        assertEquals(1, cases.historyItemsUnknown());
    }

    @Test
    void popularityCountsTrainingAndValidationItems() throws Exception {
        EvaluationCases cases = EvaluationCases.of(data(List.of(
                List.of("a", "a", "b", "c"),
                List.of("d", "x"))), VOCABULARY);

        float[] scores = cases.popularity().scoreCatalog(List.of(new int[0]))[0];

        // Model indices 1..4 are c, b, a, d. The first user's c is the test item, b the validation
        // item and a is twice in training. The short user's d is training data, and x is unknown.
        assertArrayEquals(new float[] {0, 0, 1, 2, 1}, scores);
    }

    /** Builds the split of one sequence per user, one event a second in list order. */
    private static PreparedData data(List<List<String>> sequences) {
        List<TimedItem> events = new ArrayList<>();
        for (int user = 0; user < sequences.size(); user++) {
            for (String item : sequences.get(user)) {
                events.add(new TimedItem("u" + user, item, events.size() * 1000L, events.size()));
            }
        }
        SequenceDataset dataset = SequenceDataset.of(events);
        return new PreparedData("test", dataset, LeaveOneOutSplit.of(dataset));
    }
}
