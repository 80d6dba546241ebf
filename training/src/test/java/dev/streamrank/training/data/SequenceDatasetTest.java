package dev.streamrank.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceDatasetTest {

    @Test
    void equalTimestampsKeepArrivalOrder() {
        List<TimedItem> input = List.of(
                new TimedItem("u1", "zebra", 1000, 0),
                new TimedItem("u1", "apple", 1000, 1),
                new TimedItem("u1", "mango", 500, 2));

        SequenceDataset dataset = SequenceDataset.of(input);

        // Indices by first appearance: zebra 1, apple 2, mango 3; mango is oldest, then zebra before apple.
        assertEquals(List.of("zebra", "apple", "mango"), dataset.itemIds());
        assertArrayEquals(new int[] {3, 1, 2}, dataset.sequences().get(0));
    }

    @Test
    void leaveOneOutHoldsBackLastTwo() {
        List<TimedItem> input = List.of(
                new TimedItem("u1", "a", 1, 0), new TimedItem("u1", "b", 2, 1),
                new TimedItem("u1", "c", 3, 2), new TimedItem("u1", "d", 4, 3),
                new TimedItem("u2", "a", 1, 4), new TimedItem("u2", "b", 2, 5));

        LeaveOneOutSplit split = LeaveOneOutSplit.of(SequenceDataset.of(input));

        assertArrayEquals(new int[] {1, 2}, split.training().get(0));
        assertArrayEquals(new int[] {1, 2}, split.training().get(1), "a user with two items only trains");
        assertEquals(1, split.evaluated().size());
        assertEquals(3, split.evaluated().get(0).validation());
        assertEquals(4, split.evaluated().get(0).test());
        assertArrayEquals(new int[] {1, 2, 3}, split.evaluated().get(0).testHistory());
    }
}
