package dev.streamrank.functions.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.Interaction;
import dev.streamrank.functions.http.DependencyFailureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Retries of entries that PutRecords reports as failed. kinesis-mock never fails single entries,
 * so a scripted client replaces Kinesis here. IngestHandlerTest covers the stream round trip.
 */
class StreamPublisherTest {

    @Test
    void failedEntriesRetriedAlone() {
        ScriptedKinesis kinesis = new ScriptedKinesis(Set.of("u1", "u3"), 1);

        new StreamPublisher(kinesis, "events").publish(events("u1", "u2", "u3"));

        assertEquals(2, kinesis.calls.size());
        assertEquals(List.of("u1", "u2", "u3"), kinesis.calls.get(0));
        assertEquals(List.of("u1", "u3"), kinesis.calls.get(1));
    }

    @Test
    void persistentFailureCountsUnstoredEvents() {
        ScriptedKinesis kinesis = new ScriptedKinesis(Set.of("u2", "u3"), Integer.MAX_VALUE);

        DependencyFailureException error = assertThrows(DependencyFailureException.class,
                () -> new StreamPublisher(kinesis, "events").publish(events("u1", "u2", "u3")));

        assertEquals(StreamPublisher.MAX_ATTEMPTS, kinesis.calls.size());
        assertTrue(error.getMessage().startsWith("2 of 3 events could not be put"), error.getMessage());
    }

    private static List<Interaction> events(String... users) {
        List<Interaction> events = new ArrayList<>();
        for (String user : users) {
            events.add(Interaction.of("e-" + user, user, "m1", "view", null, Instant.parse("2024-05-01T12:00:00Z")));
        }
        return events;
    }

    /** Fails the entries of the given partition keys for the first {@code failingCalls} calls. */
    private static final class ScriptedKinesis implements KinesisClient {

        final List<List<String>> calls = new ArrayList<>();
        private final Set<String> failingKeys;
        private final int failingCalls;

        ScriptedKinesis(Set<String> failingKeys, int failingCalls) {
            this.failingKeys = failingKeys;
            this.failingCalls = failingCalls;
        }

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            List<String> keys = request.records().stream().map(PutRecordsRequestEntry::partitionKey).toList();
            calls.add(keys);
            boolean failing = calls.size() <= failingCalls;

            List<PutRecordsResultEntry> results = new ArrayList<>();
            int failed = 0;
            for (String key : keys) {
                if (failing && failingKeys.contains(key)) {
                    failed++;
                    results.add(PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("rate exceeded for shard").build());
                } else {
                    results.add(PutRecordsResultEntry.builder().shardId("shardId-000000000000")
                            .sequenceNumber(Integer.toString(calls.size())).build());
                }
            }
            return PutRecordsResponse.builder().failedRecordCount(failed).records(results).build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
        }
    }
}
