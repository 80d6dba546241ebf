package dev.streamrank.local.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamrank.emulators.LocalEmulators;
import dev.streamrank.local.kinesis.RecordingHandler.Received;
import dev.streamrank.local.lambda.LocalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

class KinesisPollerTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private static LocalEmulators emulators;
    private static KinesisClient kinesis;

    private final List<KinesisPoller> pollers = new ArrayList<>();

    @BeforeAll
    static void startEmulators() {
        emulators = LocalEmulators.start();
        kinesis = emulators.clients().kinesis();
    }

    @AfterAll
    static void stopEmulators() {
        kinesis.close();
        emulators.close();
    }

    @AfterEach
    void stopPollers() {
        pollers.forEach(KinesisPoller::close);
    }

    @Test
    void deliversShardsInOrder() throws Exception {
        String stream = newStream(2);
        RecordingHandler handler = RecordingHandler.alwaysSucceeding();
        KinesisPoller poller = start(stream, handler, fastSettings().withBatchSize(7));

        List<PutRecordsResultEntry> written = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            written.addAll(put(stream, 30, round * 30));
        }

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT), "poller should catch up");
        List<Received> received = handler.allReceived();
        assertEquals(120, received.size(), "every record is delivered exactly once");
        assertEquals(1, handler.maxInFlightPerShard(), "one batch in flight per shard");
        assertEquals(2, received.stream().map(Received::shardId).distinct().count(), "both shards are polled");

        Map<String, List<Integer>> valuesByUser = new LinkedHashMap<>();
        for (Received record : received) {
            String[] parts = record.data().split(":");
            valuesByUser.computeIfAbsent(parts[0], u -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        for (Map.Entry<String, List<Integer>> user : valuesByUser.entrySet()) {
            List<Integer> sorted = user.getValue().stream().sorted().toList();
            assertEquals(sorted, user.getValue(), "records of " + user.getKey() + " arrive in write order");
        }
        for (List<Received> batch : handler.invocations()) {
            assertTrue(batch.size() <= 7, "batch size is respected (got " + batch.size() + ")");
            assertEquals(1, batch.stream().map(Received::shardId).distinct().count(), "a batch comes from one shard");
        }
        assertEquals(written.size(), received.size());
    }

    @Test
    void eventMatchesLambdaFormat() throws Exception {
        String stream = newStream(1);
        RecordingHandler handler = RecordingHandler.alwaysSucceeding();
        KinesisPoller poller = start(stream, handler, fastSettings());

        PutRecordsResultEntry written = put(stream, 1, 0).get(0);

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        KinesisEvent.KinesisEventRecord record = handler.events().get(0).getRecords().get(0);
        assertEquals("aws:kinesis", record.getEventSource());
        assertEquals("aws:kinesis:record", record.getEventName());
        assertEquals("1.0", record.getEventVersion());
        assertEquals(written.shardId() + ":" + written.sequenceNumber(), record.getEventID());
        assertEquals("us-east-1", record.getAwsRegion());
        assertTrue(record.getEventSourceARN().startsWith("arn:aws:kinesis:"), record.getEventSourceARN());
        assertTrue(record.getEventSourceARN().endsWith(":stream/" + stream), record.getEventSourceARN());
        assertEquals("1.0", record.getKinesis().getKinesisSchemaVersion());
        assertEquals(written.sequenceNumber(), record.getKinesis().getSequenceNumber());
        assertEquals("user-0", record.getKinesis().getPartitionKey());
        assertNotNull(record.getKinesis().getApproximateArrivalTimestamp());
        assertEquals("user-0:0", handler.allReceived().get(0).data());

        var context = handler.contexts().get(0);
        assertEquals("test-function", context.getFunctionName());
        assertFalse(context.getAwsRequestId().isBlank());
        assertTrue(context.getRemainingTimeInMillis() > 0, "remaining time counts down from the timeout");
        assertTrue(context.getInvokedFunctionArn().endsWith(":function:test-function"));
    }

    @Test
    void checkpointsAfterSuccess() throws Exception {
        String stream = newStream(2);
        KinesisPoller poller = start(stream, RecordingHandler.alwaysSucceeding(), fastSettings().withBatchSize(5));

        List<PutRecordsResultEntry> written = put(stream, 40, 0);

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        Map<String, String> lastPerShard = new LinkedHashMap<>();
        for (PutRecordsResultEntry entry : written) {
            lastPerShard.merge(entry.shardId(), entry.sequenceNumber(),
                    (a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)) > 0 ? a : b);
        }
        for (Map.Entry<String, String> shard : lastPerShard.entrySet()) {
            assertEquals(shard.getValue(), poller.checkpoints().get(shard.getKey()),
                    "checkpoint of " + shard.getKey());
        }
        PollerMetrics.Snapshot metrics = poller.metrics();
        assertEquals(40, metrics.recordsSucceeded());
        assertEquals(40, metrics.recordsDelivered());
        assertEquals(0, metrics.retries());
    }

    @Test
    void retriesFailedRemainderOnly() throws Exception {
        String stream = newStream(1);
        List<PutRecordsResultEntry> written = put(stream, 10, 0);
        String poison = written.get(3).sequenceNumber();
        RecordingHandler handler = new RecordingHandler(
                (invocation, batch) -> invocation == 1 ? RecordingHandler.failFrom(poison) : success());

        KinesisPoller poller = start(stream, handler, fastSettings().withBatchSize(10));

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        List<List<Received>> invocations = handler.invocations();
        assertEquals(2, invocations.size());
        assertEquals(10, invocations.get(0).size());
        List<String> retried = invocations.get(1).stream().map(Received::sequenceNumber).toList();
        List<String> expected = written.subList(3, 10).stream().map(PutRecordsResultEntry::sequenceNumber).toList();
        assertEquals(expected, retried, "the retry starts at the failed record and keeps the order");
        assertEquals(1, poller.metrics().retries());
        assertEquals(10, poller.metrics().recordsSucceeded());
        assertEquals(written.get(9).sequenceNumber(), poller.checkpoints().values().iterator().next());
    }

    @Test
    void retriesFromLowestFailure() throws Exception {
        String stream = newStream(1);
        List<PutRecordsResultEntry> written = put(stream, 6, 0);
        RecordingHandler handler = new RecordingHandler((invocation, batch) -> invocation == 1
                ? new StreamsEventResponse(List.of(
                        new StreamsEventResponse.BatchItemFailure(written.get(4).sequenceNumber()),
                        new StreamsEventResponse.BatchItemFailure(written.get(2).sequenceNumber())))
                : success());

        KinesisPoller poller = start(stream, handler, fastSettings().withBatchSize(10));

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        assertEquals(written.get(2).sequenceNumber(), handler.invocations().get(1).get(0).sequenceNumber());
        assertEquals(4, handler.invocations().get(1).size());
    }

    @Test
    void exceptionRetriesWholeBatch() throws Exception {
        String stream = newStream(1);
        put(stream, 5, 0);
        RecordingHandler handler = new RecordingHandler((invocation, batch) -> {
            if (invocation == 1) {
                throw new IllegalStateException("dependency down");
            }
            return success();
        });

        KinesisPoller poller = start(stream, handler, fastSettings());

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        List<List<Received>> invocations = handler.invocations();
        assertEquals(2, invocations.size());
        assertEquals(invocations.get(0), invocations.get(1), "the same records, in the same order");
        assertEquals(5, poller.metrics().recordsSucceeded());
    }

    @Test
    void unknownFailureIdRetriesWholeBatch() throws Exception {
        String stream = newStream(1);
        put(stream, 4, 0);
        RecordingHandler handler = new RecordingHandler(
                (invocation, batch) -> invocation == 1 ? RecordingHandler.failFrom("not-a-sequence-number") : success());

        KinesisPoller poller = start(stream, handler, fastSettings());

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        assertEquals(4, handler.invocations().get(1).size());
    }

    @Test
    void givesUpAfterMaxRetries() throws Exception {
        String stream = newStream(1);
        List<PutRecordsResultEntry> written = put(stream, 10, 0);
        String poison = written.get(3).sequenceNumber();
        RecordingHandler handler = new RecordingHandler((invocation, batch) ->
                batch.stream().anyMatch(r -> r.sequenceNumber().equals(poison))
                        ? RecordingHandler.failFrom(poison) : success());
        List<FailedBatch> destination = new CopyOnWriteArrayList<>();

        KinesisPoller poller = start(stream, handler, fastSettings().withBatchSize(10).withMaximumRetryAttempts(2)
                .withOnFailure(destination::add));
        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        List<PutRecordsResultEntry> later = put(stream, 2, 100);

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        assertEquals(1, destination.size());
        FailedBatch failed = destination.get(0);
        assertEquals(poison, failed.startSequenceNumber());
        assertEquals(written.get(9).sequenceNumber(), failed.endSequenceNumber());
        assertEquals(7, failed.batchSize());
        assertEquals(3, failed.invokeCount(), "the first attempt and two retries");
        assertTrue(failed.lastError().contains(poison), failed.lastError());

        PollerMetrics.Snapshot metrics = poller.metrics();
        assertEquals(2, metrics.retries());
        assertEquals(1, metrics.failedBatches());
        assertEquals(7, metrics.recordsFailed());
        assertEquals(3 + 2, metrics.recordsSucceeded(), "three before the poison record and the two later ones");
        List<String> last = handler.invocations().get(handler.invocations().size() - 1).stream()
                .map(Received::sequenceNumber).toList();
        assertEquals(later.stream().map(PutRecordsResultEntry::sequenceNumber).toList(), last,
                "the shard moves on past the given-up records");
    }

    @Test
    void s3DestinationUsesLambdaFormat() throws Exception {
        String stream = newStream(1);
        String bucket = "on-failure-test";
        put(stream, 3, 0);
        try (var s3 = emulators.clients().s3()) {
            s3.createBucket(b -> b.bucket(bucket));
            S3OnFailureDestination destination = new S3OnFailureDestination(s3, bucket, "on-failure/");
            List<FailedBatch> sent = new CopyOnWriteArrayList<>();
            RecordingHandler handler = new RecordingHandler((invocation, batch) -> {
                throw new IllegalArgumentException("always broken");
            });

            KinesisPoller poller = start(stream, handler, fastSettings().withMaximumRetryAttempts(0)
                    .withOnFailure(batch -> {
                        sent.add(batch);
                        destination.send(batch);
                    }));

            assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
            assertEquals(1, sent.size());
            String json = s3.getObjectAsBytes(b -> b.bucket(bucket).key(destination.keyOf(sent.get(0)))).asUtf8String();
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            assertEquals("RetryAttemptsExhausted", tree.at("/requestContext/condition").asText());
            assertEquals(1, tree.at("/requestContext/approximateInvokeCount").asInt());
            assertEquals(3, tree.at("/KinesisBatchInfo/batchSize").asInt());
            assertEquals(sent.get(0).startSequenceNumber(), tree.at("/KinesisBatchInfo/startSequenceNumber").asText());
        }
    }

    @Test
    void awaitIdleWaitsForBatch() throws Exception {
        String stream = newStream(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler((invocation, batch) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return success();
        });
        KinesisPoller poller = start(stream, handler, fastSettings());
        put(stream, 3, 0);

        assertFalse(poller.awaitIdle(Duration.ofMillis(800)), "a blocked batch is not idle");
        release.countDown();

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        assertEquals(3, poller.metrics().recordsSucceeded());
    }

    @Test
    void batchingWindowGathersRecords() throws Exception {
        String stream = newStream(1);
        RecordingHandler handler = RecordingHandler.alwaysSucceeding();
        KinesisPoller poller = start(stream, handler, fastSettings().withBatchingWindow(Duration.ofSeconds(2)));

        put(stream, 2, 0);
        Thread.sleep(300);
        put(stream, 2, 2);

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        assertEquals(1, handler.invocations().size(), "records within the window go in one batch");
        assertEquals(4, handler.invocations().get(0).size());
    }

    @Test
    void latestSkipsExistingRecords() throws Exception {
        String stream = newStream(1);
        put(stream, 3, 0);
        RecordingHandler handler = RecordingHandler.alwaysSucceeding();
        KinesisPoller poller = start(stream, handler, fastSettings().withStartingPosition(StartingPosition.LATEST));
        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));

        put(stream, 2, 10);

        assertTrue(poller.awaitIdle(IDLE_TIMEOUT));
        assertEquals(List.of("user-0:10", "user-1:11"), handler.allReceived().stream().map(Received::data).toList());
    }

    private static PollerSettings fastSettings() {
        return PollerSettings.defaults()
                .withPollInterval(Duration.ofMillis(50))
                .withRetryBackoff(new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    private KinesisPoller start(String stream, RecordingHandler handler, PollerSettings settings) {
        KinesisPoller poller = new KinesisPoller(kinesis, stream, handler,
                LocalFunction.named("test-function", "us-east-1"), settings);
        pollers.add(poller);
        return poller.start();
    }

    private static StreamsEventResponse success() {
        return new StreamsEventResponse(List.of());
    }

    private static String newStream(int shards) throws InterruptedException {
        String name = "poller-test-" + STREAMS.incrementAndGet();
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        while (kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(20);
        }
        return name;
    }

    /** Writes {@code count} records "user-(i%5):i" keyed by user, in one PutRecords call. */
    private static List<PutRecordsResultEntry> put(String stream, int count, int firstValue) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int value = firstValue + i;
            String user = "user-" + (value % 5);
            entries.add(PutRecordsRequestEntry.builder().partitionKey(user)
                    .data(SdkBytes.fromUtf8String(user + ":" + value)).build());
        }
        var response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
        assertEquals(0, response.failedRecordCount(), "test records are written");
        return response.records();
    }
}
