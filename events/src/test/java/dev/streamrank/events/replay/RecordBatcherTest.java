package dev.streamrank.events.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The batcher with the real PutRecords limits and records of synthetic sizes. */
class RecordBatcherTest {

    private static final long MIB = BatchLimits.MIB;

    private final RecordBatcher batcher = new RecordBatcher(BatchLimits.KINESIS);

    @Test
    void splitsAtFiveHundredRecords() {
        List<List<OutgoingRecord>> batches = feed(1201, 100);

        assertEquals(List.of(500, 500, 201), batches.stream().map(List::size).toList());
    }

    @Test
    void splitsAtFiveMebibytes() {
        // 1,000,000 data bytes + 1 key byte: five fit into 5 MiB (5,242,880 bytes), the sixth does not.
        List<List<OutgoingRecord>> batches = feed(11, 1_000_000);

        assertEquals(List.of(5, 5, 1), batches.stream().map(List::size).toList());
        for (List<OutgoingRecord> batch : batches) {
            assertTrue(batch.stream().mapToLong(OutgoingRecord::sizeBytes).sum() <= 5 * MIB);
        }
    }

    @Test
    void fillsBatchToExactlyFiveMebibytes() {
        // Each record is exactly 1 MiB with its one-byte key, so five make exactly 5 MiB.
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), batcher.add(record("e-" + i, (int) MIB - 1)));
        }

        assertEquals(5 * MIB, batcher.bytes());
        assertEquals(5, batcher.add(record("e-5", 10)).orElseThrow().size());
        assertEquals(1, batcher.size());
    }

    @Test
    void keepsRecordOrderAcrossBatches() {
        List<List<OutgoingRecord>> batches = feed(1001, 10);

        List<String> ids = batches.stream().flatMap(List::stream).map(OutgoingRecord::eventId).toList();
        for (int i = 0; i < ids.size(); i++) {
            assertEquals("e-" + i, ids.get(i));
        }
    }

    @Test
    void countsPartitionKeyBytesInRecordSize() {
        OutgoingRecord atLimit = new OutgoingRecord("e-1", "u", new byte[(int) MIB - 1]);
        // "ü" is two bytes in UTF-8, so the same data with this key is one byte over.
        OutgoingRecord overLimit = new OutgoingRecord("e-2", "ü", new byte[(int) MIB - 1]);

        assertEquals(MIB, atLimit.sizeBytes());
        assertFalse(batcher.isOversize(atLimit));
        assertTrue(batcher.isOversize(overLimit));
    }

    @Test
    void rejectsOversizeRecordNamingItsId() {
        OutgoingRecord huge = record("big-event", (int) MIB + 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> batcher.add(huge));

        assertTrue(error.getMessage().contains("record big-event is 1048578 bytes"), error.getMessage());
        assertTrue(batcher.isEmpty());
    }

    @Test
    void drainsEmptyBatchAsEmptyList() {
        assertEquals(List.of(), batcher.drain());
    }

    /** Adds {@code count} records of {@code dataBytes} each and returns every batch, the last drained. */
    private List<List<OutgoingRecord>> feed(int count, int dataBytes) {
        List<List<OutgoingRecord>> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batcher.add(record("e-" + i, dataBytes)).ifPresent(batches::add);
        }
        batches.add(batcher.drain());
        return batches;
    }

    private static OutgoingRecord record(String id, int dataBytes) {
        return new OutgoingRecord(id, "u", new byte[dataBytes]);
    }
}
