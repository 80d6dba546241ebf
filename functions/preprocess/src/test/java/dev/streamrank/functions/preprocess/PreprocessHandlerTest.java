package dev.streamrank.functions.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.emulators.LocalEmulators;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.EventTypes;
import dev.streamrank.event.Interaction;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.feature.FeatureConfig;
import dev.streamrank.feature.UserStateUpdater;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.state.DedupeTable;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.ItemStateTable;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The preprocess handler against the emulators. Each test gets its own streams, tables and bucket,
 * so tests neither see nor depend on each other's state.
 */
class PreprocessHandlerTest {

    private static final Instant ARRIVAL = Instant.parse("2026-11-03T14:00:00.250Z");
    private static final AtomicInteger RUN = new AtomicInteger();

    private static LocalEmulators emulators;

    private StreamRankResources resources;
    private DynamoDbClient dynamo;
    private S3Client s3;
    private KinesisClient kinesis;
    private UserStateTable users;
    private ItemStateTable items;
    private DedupeTable dedupe;
    private InteractionLog log;

    @BeforeAll
    static void startEmulators() {
        emulators = LocalEmulators.start();
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @BeforeEach
    void createResources() {
        String prefix = "pre" + RUN.incrementAndGet();
        resources = new StreamRankResources(prefix + "-interactions", prefix + "-featurized", prefix + "-users",
                prefix + "-items", prefix + "-dedupe", prefix + "-bucket");
        emulators.createResources(resources);

        dynamo = emulators.clients().dynamoDb();
        s3 = emulators.clients().s3();
        kinesis = emulators.clients().kinesis();
        users = new UserStateTable(dynamo, resources.usersTable());
        items = new ItemStateTable(dynamo, resources.itemsTable());
        dedupe = new DedupeTable(dynamo, resources.dedupeTable(), Duration.ofDays(7));
        log = new InteractionLog(s3, resources.bucket());
    }

    @AfterEach
    void closeClients() {
        dynamo.close();
        s3.close();
        kinesis.close();
    }

    @Test
    void goodBatchWritesEachUserOnce() {
        StreamsEventResponse response = handle(handler(), fixture("events/two-users.jsonl"), 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));

        UserState ana = users.get("u-ana");
        assertEquals(List.of("i-matrix", "i-alien", "i-heat"), itemIds(ana));
        assertEquals(Map.of("view", 1L, "rating", 1L, "purchase", 1L), ana.counters());
        assertEquals(Instant.parse("2026-11-03T10:00:00Z").toEpochMilli(), ana.firstSeenMillis());
        assertEquals(Instant.parse("2026-11-03T10:02:00Z").toEpochMilli(), ana.lastSeenMillis());
        assertEquals(1, ana.revision(), "three events of one user must cost one write");

        UserState ben = users.get("u-ben");
        assertEquals(Map.of("click", 1L, "skip", 1L, "add_to_cart", 1L), ben.counters());
        assertEquals(1, ben.revision());

        ItemState matrix = items.get("i-matrix");
        assertEquals(Map.of("view", 1L, "click", 1L), matrix.counters());
        assertEquals(1, matrix.revision());
        ItemState alien = items.get("i-alien");
        assertEquals(Map.of("rating", 1L, "skip", 1L), alien.counters());
        ItemState heat = items.get("i-heat");
        assertEquals(Map.of("purchase", 1L, "add_to_cart", 1L), heat.counters());
        assertEquals(Map.of("i-alien", 1.0, "i-matrix", 2.0), heat.precededBy(),
                "ana reached i-heat after i-alien and i-matrix, ben after i-matrix (his skip of i-alien is no pair)");
    }

    @Test
    void fortyUsersCostFortyWrites() {
        Random random = new Random(42);
        List<String> payloads = new ArrayList<>();
        Map<String, Integer> perUser = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            String userId = "u-" + random.nextInt(40);
            perUser.merge(userId, 1, Integer::sum);
            payloads.add(event("e-bulk-" + i, userId, "i-" + random.nextInt(60), "view",
                    Instant.parse("2026-11-03T08:00:00Z").plusSeconds(random.nextInt(3600))));
        }

        StreamsEventResponse response = handle(handler(), payloads, 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        Map<String, UserState> stored = users.getAll(perUser.keySet());
        assertEquals(40, perUser.size(), "the seed must produce 40 distinct users");
        for (Map.Entry<String, Integer> entry : perUser.entrySet()) {
            UserState user = stored.get(entry.getKey());
            assertEquals(1, user.revision(), "user " + entry.getKey() + " must be written once");
            assertEquals(entry.getValue().longValue(), user.totalInteractions(), "events of " + entry.getKey());
        }
    }

    @Test
    void malformedRecordGoesToRejected() throws IOException {
        StreamsEventResponse response = handle(handler(), fixture("events/with-malformed.jsonl"), 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "an invalid record is not retryable: "
                + failures(response));
        assertEquals(Map.of("view", 1L, "click", 1L), users.get("u-cleo").counters());
        assertEquals(Map.of("purchase", 1L), users.get("u-dan").counters());

        String badSequence = KinesisEvents.sequenceNumber(2);
        String key = "rejected/2026/11/03/shardId-000000000000/" + badSequence + ".json";
        JsonNode rejected = EventJson.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(resources.bucket()).key(key))
                .asByteArray());
        assertEquals(badSequence, rejected.path("sequenceNumber").asText());
        assertEquals("shardId-000000000000", rejected.path("shardId").asText());
        assertEquals("(record)", rejected.path("field").asText());
        assertTrue(rejected.path("reason").asText().startsWith("record is not valid JSON"),
                rejected.path("reason").asText());
        assertEquals(fixture("events/with-malformed.jsonl").get(2), rejected.path("dataText").asText());
        assertEquals("2026-11-03T14:00:00.252Z", rejected.path("arrivalTime").asText());
        assertEquals(1, rejectedKeys().size());
    }

    @Test
    void unknownEventTypeIsRejectedWithTheField() throws IOException {
        StreamsEventResponse response = handle(handler(), fixture("events/unknown-type.jsonl"), 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        assertEquals(Map.of("view", 1L), users.get("u-eve").counters());

        List<String> keys = rejectedKeys();
        assertEquals(List.of("rejected/2026/11/03/shardId-000000000000/" + KinesisEvents.sequenceNumber(1) + ".json"),
                keys);
        JsonNode rejected = EventJson.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(resources.bucket())
                .key(keys.get(0))).asByteArray());
        assertEquals("type", rejected.path("field").asText());
        assertTrue(rejected.path("reason").asText().contains("unknown event type 'share'"),
                rejected.path("reason").asText());
    }

    @Test
    void registeredExtraTypeIsAccepted() {
        PreprocessHandler handler = handler(Map.of("STREAMRANK_EVENT_TYPES", "share:2.5"));

        StreamsEventResponse response = handle(handler, fixture("events/unknown-type.jsonl"), 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        assertEquals(Map.of("view", 1L, "share", 1L), users.get("u-eve").counters());
        assertTrue(rejectedKeys().isEmpty());
    }

    @Test
    void replayingTheSameBatchChangesNothing() {
        PreprocessHandler handler = handler();
        List<String> payloads = fixture("events/two-users.jsonl");
        handle(handler, payloads, 0);
        UserState anaBefore = users.get("u-ana");
        ItemState matrixBefore = items.get("i-matrix");
        List<String> logKeysBefore = logKeys();
        List<String> logLinesBefore = log.lines(logKeysBefore.get(0));
        int featurizedBefore = featurizedRecords().size();

        StreamsEventResponse response = handle(handler, payloads, 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        UserState anaAfter = users.get("u-ana");
        assertEquals(anaBefore.revision(), anaAfter.revision(), "a replay must not write the user");
        assertEquals(anaBefore.counters(), anaAfter.counters());
        assertEquals(anaBefore.recent(), anaAfter.recent());
        ItemState matrixAfter = items.get("i-matrix");
        assertEquals(matrixBefore.revision(), matrixAfter.revision(), "a replay must not write the item");
        assertEquals(matrixBefore.counters(), matrixAfter.counters());
        assertEquals(logKeysBefore, logKeys());
        assertEquals(logLinesBefore, log.lines(logKeysBefore.get(0)));
        assertEquals(featurizedBefore, featurizedRecords().size(), "a replay must not forward again");
    }

    @Test
    void lateEventLandsInTimeOrder() {
        PreprocessHandler handler = handler();
        handle(handler, List.of(
                event("e-501", "u-ivy", "i-first", "view", Instant.parse("2026-11-03T10:00:00Z")),
                event("e-502", "u-ivy", "i-third", "view", Instant.parse("2026-11-03T10:10:00Z"))), 0);

        StreamsEventResponse response = handle(handler, List.of(
                event("e-503", "u-ivy", "i-second", "view", Instant.parse("2026-11-03T10:05:00Z"))), 2);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        UserState ivy = users.get("u-ivy");
        assertEquals(List.of("i-first", "i-second", "i-third"), itemIds(ivy));
        assertEquals(Instant.parse("2026-11-03T10:10:00Z").toEpochMilli(), ivy.lastSeenMillis());
        assertEquals(2, ivy.revision());
    }

    @Test
    void logHoldsEachAcceptedEventExactlyOnce() throws Exception {
        StreamsEventResponse response = handle(handler(), fixture("events/in-batch-duplicate.jsonl"), 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        String expectedKey = "log/2026/11/03/shardId-000000000000-" + KinesisEvents.sequenceNumber(0) + "-"
                + KinesisEvents.sequenceNumber(3) + ".jsonl";
        assertEquals(List.of(expectedKey), logKeys());

        InteractionParser parser = new InteractionParser(EventTypes.defaults());
        List<String> eventIds = new ArrayList<>();
        for (String line : log.lines(expectedKey)) {
            Interaction event = parser.parse(line.getBytes(StandardCharsets.UTF_8));
            eventIds.add(event.eventId());
        }
        assertEquals(List.of("e-401", "e-402", "e-403"), eventIds);
        assertEquals(Map.of("view", 1L, "click", 1L), users.get("u-fay").counters(),
                "the repeated e-401 must count once");
        assertEquals(Set.of("e-401", "e-402", "e-403"),
                dedupe.findSeen(List.of("e-401", "e-402", "e-403"), Instant.now()));
    }

    @Test
    void retryAfterPartialCommitKeepsLoggedEvents() throws Exception {
        // An earlier attempt logged the whole batch but committed only two ids before failing.
        List<String> payloads = fixture("events/two-users.jsonl");
        String key = "log/2026/11/03/shardId-000000000000-" + KinesisEvents.sequenceNumber(0) + "-"
                + KinesisEvents.sequenceNumber(5) + ".jsonl";
        InteractionParser parser = new InteractionParser(EventTypes.defaults());
        List<Interaction> all = new ArrayList<>();
        for (String payload : payloads) {
            all.add(parser.parse(payload.getBytes(StandardCharsets.UTF_8)));
        }
        log.write(key, all, false);
        dedupe.remember(List.of("e-101", "e-102"), Instant.now());

        StreamsEventResponse response = handle(handler(), payloads, 0);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        List<String> eventIds = new ArrayList<>();
        for (String line : log.lines(key)) {
            eventIds.add(EventJson.MAPPER.readTree(line).path("eventId").asText());
        }
        assertEquals(List.of("e-101", "e-102", "e-103", "e-104", "e-105", "e-106"), eventIds);
    }

    @Test
    void featurizedStreamReceivesEveryAcceptedEvent() throws IOException {
        handle(handler(), fixture("events/two-users.jsonl"), 0);

        Map<String, JsonNode> byEventId = new HashMap<>();
        for (Record record : featurizedRecords()) {
            JsonNode node = EventJson.MAPPER.readTree(record.data().asByteArray());
            assertEquals(node.path("userId").asText(), record.partitionKey());
            byEventId.put(node.path("eventId").asText(), node);
        }
        assertEquals(Set.of("e-101", "e-102", "e-103", "e-104", "e-105", "e-106"), byEventId.keySet());

        JsonNode purchase = byEventId.get("e-104");
        assertEquals("i-heat", purchase.path("itemId").asText());
        assertEquals("purchase", purchase.path("type").asText());
        assertEquals(5.0, purchase.path("signal").asDouble());
        assertEquals(List.of("i-alien", "i-matrix"), texts(purchase.path("preceding")));
        assertTrue(purchase.path("itemHeat").asDouble() > 0, purchase.toString());

        JsonNode skip = byEventId.get("e-105");
        assertEquals(-1.0, skip.path("signal").asDouble());
    }

    @Test
    void missingItemsTableReportsFirstRecord() {
        StreamRankResources broken = new StreamRankResources(resources.interactionsStream(),
                resources.featurizedStream(), resources.usersTable(), "no-such-items-table", resources.dedupeTable(),
                resources.bucket());
        PreprocessHandler handler = new PreprocessHandler(FunctionEnvironment.of(emulators.clients(), broken, Map.of()));
        List<String> payloads = fixture("events/two-users.jsonl");

        StreamsEventResponse response = handle(handler, payloads, 0);

        assertEquals(List.of(KinesisEvents.sequenceNumber(0)), failures(response));
        assertTrue(logKeys().isEmpty(), "nothing after the failed step may run");
        assertTrue(dedupe.findSeen(List.of("e-101"), Instant.now()).isEmpty(), "the batch must not be committed");

        // Lambda delivers the batch again; with the table back, the retry logs and commits every event.
        StreamsEventResponse retry = handle(handler(), payloads, 0);

        assertTrue(retry.getBatchItemFailures().isEmpty(), "failures: " + failures(retry));
        assertEquals(6, log.lines(logKeys().get(0)).size());
        assertEquals(1, users.get("u-ana").revision(), "the retry must not apply ana's events twice");
        assertEquals(6, dedupe.findSeen(List.of("e-101", "e-102", "e-103", "e-104", "e-105", "e-106"),
                Instant.now()).size());
    }

    @Test
    void missingBucketReportsTheFirstRecord() {
        StreamRankResources broken = new StreamRankResources(resources.interactionsStream(),
                resources.featurizedStream(), resources.usersTable(), resources.itemsTable(), resources.dedupeTable(),
                "no-such-bucket");
        PreprocessHandler handler = new PreprocessHandler(FunctionEnvironment.of(emulators.clients(), broken, Map.of()));

        StreamsEventResponse response = handle(handler, fixture("events/with-malformed.jsonl"), 0);

        assertEquals(List.of(KinesisEvents.sequenceNumber(0)), failures(response));
        assertTrue(featurizedRecords().isEmpty(), "the featurized stream comes after the log");
    }

    @Test
    void unstorableRejectReportsOwnSequence() {
        StreamRankResources broken = new StreamRankResources(resources.interactionsStream(),
                resources.featurizedStream(), resources.usersTable(), resources.itemsTable(), resources.dedupeTable(),
                "no-such-bucket");
        PreprocessHandler handler = new PreprocessHandler(FunctionEnvironment.of(emulators.clients(), broken, Map.of()));

        StreamsEventResponse response = handle(handler, List.of("not json", "{\"eventId\":\"e-1\"}"), 5);

        assertEquals(List.of(KinesisEvents.sequenceNumber(5), KinesisEvents.sequenceNumber(6)), failures(response));
    }

    @Test
    void failedUserReportsLowestSequence() {
        // A user item above DynamoDB's 400 KB limit fails its put while the other user's succeeds.
        PreprocessHandler handler = handler(Map.of("STREAMRANK_HISTORY_LENGTH", "5000"));
        List<String> payloads = new ArrayList<>();
        payloads.add(event("e-small-1", "u-small", "i-one", "view", Instant.parse("2026-11-03T10:00:00Z")));
        String longId = "x".repeat(120);
        for (int i = 0; i < 1500; i++) {
            payloads.add(event("e-big-" + i + "-" + "y".repeat(200), "u-big", "i-" + i + longId, "view",
                    Instant.parse("2026-11-03T10:00:00Z").plusSeconds(i)));
        }
        payloads.add(event("e-small-2", "u-small", "i-two", "click", Instant.parse("2026-11-03T10:30:00Z")));

        StreamsEventResponse response = handle(handler, payloads, 0);

        assertEquals(List.of(KinesisEvents.sequenceNumber(1)), failures(response));
        assertEquals(Map.of("view", 1L, "click", 1L), users.get("u-small").counters());
        assertTrue(users.get("u-big").isNew(), "the failed user must not be stored");
        List<String> logged = log.lines(logKeys().get(0));
        assertEquals(2, logged.size(), "only u-small's events are logged: " + logged.size());
        assertEquals(Set.of("e-small-1", "e-small-2"), dedupe.findSeen(List.of("e-small-1", "e-small-2",
                "e-big-0-" + "y".repeat(200)), Instant.now()));
    }

    @Test
    void userWriteConflictReappliesEvents() {
        UserStateWriter writer = new UserStateWriter(users,
                new UserStateUpdater(FeatureConfig.defaults()));
        UserState stale = users.get("u-race");
        // Another writer (the update function, say) stores the user after this batch read it.
        assertTrue(users.putIfUnchanged(new UserState("u-race", List.of(new RecentInteraction("e-other", "i-other",
                "view", Instant.parse("2026-11-03T09:00:00Z").toEpochMilli())), Map.of("view", 1L), 0, 0,
                new float[] {0.5f}, "v1", 0)));
        BatchStats stats = new BatchStats();

        writer.write(stale, List.of(Interaction.of("e-mine", "u-race", "i-mine", "click", null,
                Instant.parse("2026-11-03T10:00:00Z"))), stats);

        UserState stored = users.get("u-race");
        assertEquals(1, stats.userWriteConflicts());
        assertEquals(1, stats.usersWritten());
        assertEquals(2, stored.revision());
        assertEquals(List.of("i-other", "i-mine"), itemIds(stored));
        assertEquals("v1", stored.onlineModelVersion(), "the other writer's online vector must survive");
    }

    @Test
    void lambdaEventJsonDecodesToShardRecords() throws IOException {
        KinesisEvent event;
        try (InputStream json = resource("lambda/kinesis-event.json")) {
            event = KinesisEvents.fromJson(json);
        }

        List<ShardRecord> records = ShardRecord.fromEvent(event);

        assertEquals(2, records.size());
        ShardRecord first = records.get(0);
        assertEquals("49590338271490256608559692540925702759324208523137515618", first.sequenceNumber());
        assertEquals("shardId-000000000001", first.shardId());
        assertEquals("u-hal", first.partitionKey());
        assertEquals(Instant.parse("2026-11-02T09:00:00.125Z"), first.arrivalTime());
        assertTrue(new String(first.data(), StandardCharsets.UTF_8).contains("\"eventId\":\"e-901\""));

        StreamsEventResponse response = handler().handleRequest(event, null);

        assertTrue(response.getBatchItemFailures().isEmpty(), "failures: " + failures(response));
        assertEquals(List.of("i-solaris", "i-stalker"), itemIds(users.get("u-hal")));
        assertEquals(List.of("log/2026/11/02/shardId-000000000001-49590338271490256608559692540925702759324208523137515618"
                + "-49590338271490256608559692540925702759324208523137515619.jsonl"), logKeys());
    }

    // --- helpers ---

    private PreprocessHandler handler() {
        return handler(Map.of());
    }

    private PreprocessHandler handler(Map<String, String> settings) {
        return new PreprocessHandler(FunctionEnvironment.of(emulators.clients(), resources, settings));
    }

    private static StreamsEventResponse handle(PreprocessHandler handler, List<String> payloads, int offset) {
        return handler.handleRequest(KinesisEvents.batch(payloads, ARRIVAL, offset), null);
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static String event(String eventId, String userId, String itemId, String type, Instant timestamp) {
        return EventJson.toLine(Interaction.of(eventId, userId, itemId, type, null, timestamp));
    }

    private static List<String> itemIds(UserState user) {
        return user.recent().stream().map(RecentInteraction::itemId).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static InputStream resource(String path) {
        InputStream stream = PreprocessHandlerTest.class.getClassLoader().getResourceAsStream(path);
        if (stream == null) {
            throw new IllegalStateException("test resource " + path + " not found");
        }
        return stream;
    }

    private static List<String> fixture(String path) {
        try (InputStream stream = resource(path)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + path, e);
        }
    }

    private List<String> logKeys() {
        return keys(StreamRankResources.LOG_PREFIX);
    }

    private List<String> rejectedKeys() {
        return keys(StreamRankResources.REJECTED_PREFIX);
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(resources.bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    private List<Record> featurizedRecords() {
        List<Record> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(resources.featurizedStream())).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(resources.featurizedStream())
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (Record record : kinesis.getRecords(b -> b.shardIterator(iterator).limit(10_000)).records()) {
                if (seen.add(record.sequenceNumber())) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
