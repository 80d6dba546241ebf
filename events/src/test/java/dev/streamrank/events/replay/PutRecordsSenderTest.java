package dev.streamrank.events.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The retry logic against a scripted PutRecords. kinesis-mock has no way to fail chosen records of a
 * call, so this fake plays the partial failures. The emulator tests cover the successful path.
 */
class PutRecordsSenderTest {

    private final List<PutRecordsRequest> requests = new ArrayList<>();
    private final List<Integer> backoffs = new ArrayList<>();

    @Test
    void resendsOnlyFailedEntries() {
        // First call: records 1 and 3 throttled; second call: all good.
        PutRecordsSender sender = sender(5, request -> requests.size() == 1
                ? respond(request, Set.of("e-1", "e-3"), "ProvisionedThroughputExceededException")
                : respond(request, Set.of(), null));

        PutRecordsSender.Result result = sender.send(records(5));

        assertEquals(5, result.sent());
        assertEquals(2, result.retried());
        assertEquals(List.of(), result.failed());
        assertEquals(List.of("e-1", "e-3"), ids(requests.get(1)));
        assertEquals(List.of(1), backoffs);
    }

    @Test
    void givesUpAfterMaxAttemptsWithLastError() {
        PutRecordsSender sender = sender(3, request -> respond(request, Set.of("e-2"), "InternalFailure"));

        PutRecordsSender.Result result = sender.send(records(4));

        assertEquals(3, result.sent());
        assertEquals(2, result.retried());
        assertEquals(1, result.failed().size());
        assertEquals("e-2", result.failed().get(0).id());
        assertTrue(result.failed().get(0).reason().contains("failed after 3 attempts, last error InternalFailure"),
                result.failed().get(0).reason());
        assertEquals(3, requests.size());
        assertEquals(List.of(1, 2), backoffs);
    }

    @Test
    void retriesWholeCallAfterNetworkError() {
        PutRecordsSender sender = sender(5, request -> {
            if (requests.size() < 3) {
                throw SdkClientException.create("connection reset");
            }
            return respond(request, Set.of(), null);
        });

        PutRecordsSender.Result result = sender.send(records(3));

        assertEquals(3, result.sent());
        assertEquals(6, result.retried());
        assertEquals(List.of(1, 2), backoffs);
    }

    @Test
    void retriesWholeCallAfterServerError() {
        PutRecordsSender sender = sender(5, request -> {
            if (requests.size() == 1) {
                throw KinesisException.builder().message("service unavailable").statusCode(503).build();
            }
            return respond(request, Set.of(), null);
        });

        assertEquals(2, sender.send(records(2)).sent());
        assertEquals(2, requests.size());
    }

    @Test
    void failsBatchWithoutRetryOnInvalidRequest() {
        PutRecordsSender sender = sender(5, request -> {
            throw InvalidArgumentException.builder().message("bad partition key").statusCode(400).build();
        });

        PutRecordsSender.Result result = sender.send(records(2));

        assertEquals(0, result.sent());
        assertEquals(List.of("e-0", "e-1"), result.failed().stream().map(FailedRecord::id).toList());
        assertTrue(result.failed().get(0).reason().contains("bad partition key"), result.failed().get(0).reason());
        assertEquals(1, requests.size());
        assertEquals(List.of(), backoffs);
    }

    @Test
    void stopsWhenStreamIsMissing() {
        PutRecordsSender sender = sender(5, request -> {
            throw ResourceNotFoundException.builder().message("Stream x not found").statusCode(400).build();
        });

        ReplayException error = assertThrows(ReplayException.class, () -> sender.send(records(1)));

        assertTrue(error.getMessage().contains("Kinesis stream 'test-stream' not found"), error.getMessage());
        assertTrue(error.getMessage().contains("--stream"), error.getMessage());
    }

    @Test
    void sendsUserIdAsPartitionKey() {
        PutRecordsSender sender = sender(1, request -> respond(request, Set.of(), null));

        sender.send(List.of(new OutgoingRecord("e-1", "user-7", "{}".getBytes(StandardCharsets.UTF_8))));

        PutRecordsRequestEntry entry = requests.get(0).records().get(0);
        assertEquals("user-7", entry.partitionKey());
        assertEquals("{}", entry.data().asUtf8String());
        assertEquals("test-stream", requests.get(0).streamName());
    }

    private PutRecordsSender sender(int maxAttempts, Function<PutRecordsRequest, PutRecordsResponse> call) {
        return new PutRecordsSender(request -> {
            requests.add(request);
            return call.apply(request);
        }, "test-stream", maxAttempts, backoffs::add);
    }

    /** Builds the response to a request, failing the entries whose data is one of the listed event ids. */
    private static PutRecordsResponse respond(PutRecordsRequest request, Set<String> failing, String errorCode) {
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int failed = 0;
        for (PutRecordsRequestEntry entry : request.records()) {
            if (failing.contains(entry.data().asUtf8String())) {
                failed++;
                results.add(PutRecordsResultEntry.builder().errorCode(errorCode).errorMessage("Rate exceeded").build());
            } else {
                results.add(PutRecordsResultEntry.builder().shardId("shardId-000000000000")
                        .sequenceNumber("1").build());
            }
        }
        return PutRecordsResponse.builder().records(results).failedRecordCount(failed).build();
    }

    private static List<OutgoingRecord> records(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new OutgoingRecord("e-" + i, "u", ("e-" + i).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static List<String> ids(PutRecordsRequest request) {
        return request.records().stream().map(entry -> entry.data().asUtf8String()).toList();
    }
}
