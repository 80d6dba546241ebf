package dev.streamrank.functions.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** The pure parts of the preprocess function: keys, shard ids, payload text and request sizing. */
class PreprocessPartsTest {

    @Test
    void shardIdFromEventId() {
        assertEquals("shardId-000000000007", ShardRecord.shardId("shardId-000000000007:4959033827149"));
        assertEquals(ShardRecord.UNKNOWN_SHARD, ShardRecord.shardId(null));
        assertEquals(ShardRecord.UNKNOWN_SHARD, ShardRecord.shardId(":123"));
    }

    @Test
    void sequenceNumbersCompareNumericallyNotAsText() {
        List<String> sorted = new ArrayList<>(List.of("1000", "999", "49590338271490256608559692538361571095921575989136588898"));
        sorted.sort(ShardRecord.SEQUENCE_ORDER);

        assertEquals(List.of("999", "1000", "49590338271490256608559692538361571095921575989136588898"), sorted);
    }

    @Test
    void keysAreDatedByArrivalInUtc() {
        ShardRecord record = new ShardRecord("42", "shardId-000000000001", "u", null, null, new byte[0]);
        Instant lateEvening = Instant.parse("2026-12-31T23:59:59.999Z");

        assertEquals("rejected/2026/12/31/shardId-000000000001/42.json", RejectedStore.key(record, lateEvening));
        assertEquals("log/2026/12/31/shardId-000000000001-42-57.jsonl",
                InteractionLog.key("shardId-000000000001", "42", "57", lateEvening));
    }

    @Test
    void payloadTextIsKeptOnlyForValidUtf8() {
        assertEquals("{\"a\":\"é\"}", RejectedStore.utf8("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(RejectedStore.utf8(new byte[] {(byte) 0xc3, (byte) 0x28}));
    }

    @Test
    void putRecordsChunksRespectLimits() {
        List<PutRecordsRequestEntry> small = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            small.add(entry(10));
        }
        assertEquals(List.of(500, 500, 1), sizes(FeaturizedStream.chunks(small)));

        List<PutRecordsRequestEntry> large = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            large.add(entry(1024 * 1024 - 100));
        }
        assertEquals(List.of(5, 5, 2), sizes(FeaturizedStream.chunks(large)));
    }

    private static PutRecordsRequestEntry entry(int bytes) {
        return PutRecordsRequestEntry.builder().partitionKey("u-1").data(SdkBytes.fromByteArray(new byte[bytes])).build();
    }

    private static List<Integer> sizes(List<List<PutRecordsRequestEntry>> chunks) {
        return chunks.stream().map(List::size).toList();
    }
}
