package dev.streamrank.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.Interaction;
import dev.streamrank.events.movielens.MovieLensDataset;
import dev.streamrank.events.replay.KinesisReplayer;
import dev.streamrank.events.replay.ReplayListener;
import dev.streamrank.events.replay.ReplayOptions;
import dev.streamrank.events.replay.ReplaySummary;
import dev.streamrank.local.LocalRuntime;
import dev.streamrank.local.RuntimeOptions;
import dev.streamrank.local.StandardFunctions;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.ItemStateTable;
import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Replays a real slice of MovieLens ml-latest-small through the whole pipeline (replay CLI, Kinesis,
 * preprocess function, DynamoDB, S3, rank and ingest functions over HTTP) and checks the state a
 * person could check by hand. The tests share one runtime and run in order: each builds on the
 * state the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {

    /** The first 25 users of ratings.csv: about 3,000 ratings, enough for co-occurrence to matter. */
    private static final int SLICE_USERS = 25;
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private TestTarget target;
    private LocalRuntime runtime;
    private StreamRankResources resources;
    private KinesisClient kinesis;
    private DynamoDbClient dynamo;
    private S3Client s3;
    private UserStateTable users;
    private ItemStateTable items;
    private final HttpClient http = HttpClient.newHttpClient();

    private Path movieLens;
    private List<Interaction> slice;

    @BeforeAll
    void startRuntime() {
        movieLens = TestData.movieLensSmall();
        assumeTrue(movieLens != null, "ml-latest-small not found: set STREAMRANK_DATA or -Dstreamrank.data to the"
                + " folder that contains ml-latest-small/");
        slice = readSlice(movieLens, SLICE_USERS);

        target = TestTarget.fromEnvironment(System.getenv());
        RuntimeOptions options = RuntimeOptions.defaults()
                .withEndpoint(target.endpoint())
                .withSettings(Map.of("STREAMRANK_CATALOG_REFRESH_SECONDS", "0"));
        runtime = LocalRuntime.start(options, StandardFunctions.all());
        resources = runtime.resources();

        kinesis = runtime.clients().kinesis();
        dynamo = runtime.clients().dynamoDb();
        s3 = runtime.clients().s3();
        users = new UserStateTable(dynamo, resources.usersTable());
        items = new ItemStateTable(dynamo, resources.itemsTable());
    }

    @AfterAll
    void stopRuntime() {
        if (runtime != null) {
            kinesis.close();
            dynamo.close();
            s3.close();
            runtime.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    @Order(1)
    void replayedSliceLandsInUserAndItemState() throws Exception {
        ReplaySummary summary = replaySlice();
        assertEquals(slice.size(), summary.sent(), "every rating of the slice is sent");
        assertEquals(0, summary.failed());

        Map<String, Long> expectedPerUser = slice.stream()
                .collect(Collectors.groupingBy(Interaction::userId, Collectors.counting()));
        Map<String, UserState> stored = users.getAll(expectedPerUser.keySet());
        for (Map.Entry<String, Long> expected : expectedPerUser.entrySet()) {
            UserState state = stored.get(expected.getKey());
            assertEquals(expected.getValue(), state.counters().getOrDefault("rating", 0L),
                    "ratings counted for user " + expected.getKey());
        }
        assertEquals(SLICE_USERS, expectedPerUser.size());

        Map<String, Long> expectedPerItem = slice.stream()
                .collect(Collectors.groupingBy(Interaction::itemId, Collectors.counting()));
        Map<String, ItemState> storedItems = items.getAll(expectedPerItem.keySet());
        for (Map.Entry<String, Long> expected : expectedPerItem.entrySet()) {
            assertEquals(expected.getValue(), storedItems.get(expected.getKey()).counters().getOrDefault("rating", 0L),
                    "ratings counted for item " + expected.getKey());
        }

        long itemsWithInteractions = items.scanAll().stream().filter(item -> item.totalInteractions() > 0).count();
        assertEquals(expectedPerItem.size(), itemsWithInteractions, "items touched by the slice and no others");
    }

    @Test
    @Order(2)
    void interactionLogHoldsEveryAcceptedEventExactlyOnce() throws IOException {
        List<String> logged = loggedEventIds();

        Set<String> unique = new HashSet<>(logged);
        assertEquals(logged.size(), unique.size(), "no event id appears twice in the log");
        assertEquals(slice.stream().map(Interaction::eventId).collect(Collectors.toSet()), unique);
    }

    @Test
    @Order(3)
    void malformedRecordIsRejectedWhileItsBatchIsProcessed() throws Exception {
        String user = "e2e-malformed-batch";
        Instant time = Instant.parse("2024-05-01T12:00:00Z");
        List<byte[]> records = List.of(
                EventJson.toBytes(Interaction.of("e2e-good-1", user, "1", "click", null, time)),
                "{\"eventId\": \"e2e-broken\", \"userId\": ".getBytes(StandardCharsets.UTF_8),
                EventJson.toBytes(Interaction.of("e2e-good-2", user, "2", "click", null, time.plusSeconds(5))),
                EventJson.toBytes(Interaction.of("e2e-good-3", user, "3", "view", 30.0, time.plusSeconds(9))));

        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (byte[] record : records) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey(user).data(SdkBytes.fromByteArray(record)).build());
        }
        String brokenSequence = kinesis.putRecords(b -> b.streamName(resources.interactionsStream()).records(entries))
                .records().get(1).sequenceNumber();
        assertTrue(runtime.awaitIdle(CATCH_UP), "the preprocess function caught up");

        UserState state = users.get(user);
        assertEquals(2L, state.counters().get("click"));
        assertEquals(1L, state.counters().get("view"));
        assertEquals(List.of("1", "2", "3"), state.recent().stream().map(entry -> entry.itemId()).toList());

        List<S3Object> rejected = s3.listObjectsV2Paginator(b -> b.bucket(resources.bucket())
                .prefix(StreamRankResources.REJECTED_PREFIX)).contents().stream().toList();
        List<S3Object> ours = rejected.stream().filter(object -> object.key().contains(brokenSequence)).toList();
        assertEquals(1, ours.size(), "one rejected object for the broken record, found " + rejected);

        JsonNode stored = EventJson.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(resources.bucket())
                .key(ours.get(0).key())).asByteArray());
        assertEquals(brokenSequence, stored.get("sequenceNumber").asText());
        assertTrue(stored.get("reason").asText().contains("not valid JSON"), "reason: " + stored.get("reason"));
    }

    @Test
    @Order(4)
    void replayingTheSameSliceChangesNothing() throws Exception {
        Map<String, UserState> usersBefore = users.getAll(userIds());
        Map<String, ItemState> itemsBefore = items.getAll(itemIds());
        List<String> logBefore = loggedEventIds();

        ReplaySummary summary = replaySlice();
        assertEquals(slice.size(), summary.sent());

        Map<String, UserState> usersAfter = users.getAll(userIds());
        for (String userId : userIds()) {
            assertEquals(usersBefore.get(userId).revision(), usersAfter.get(userId).revision(),
                    "user " + userId + " is not written again");
            assertEquals(usersBefore.get(userId).counters(), usersAfter.get(userId).counters());
        }
        Map<String, ItemState> itemsAfter = items.getAll(itemIds());
        for (String itemId : itemIds()) {
            assertEquals(itemsBefore.get(itemId).counters(), itemsAfter.get(itemId).counters(),
                    "counters of item " + itemId);
        }
        assertEquals(logBefore.size(), loggedEventIds().size(), "the log gains no lines");
    }

    @Test
    @Order(5)
    void rankingChangesAfterNewEvents() throws Exception {
        String user = slice.get(0).userId();
        List<String> before = recommendations(user);
        assertEquals(10, before.size());

        // Three five-star ratings on items the ranking put first: they become consumed, so they must
        // leave the list, and their co-occurrence neighbours move in.
        List<String> rated = before.subList(0, 3);
        StringBuilder body = new StringBuilder("[");
        Instant time = Instant.parse("2030-01-01T00:00:00Z");
        for (int i = 0; i < rated.size(); i++) {
            Interaction event = Interaction.of("e2e-live-" + i, user, rated.get(i), "rating", 5.0, time.plusSeconds(i));
            body.append(i == 0 ? "" : ",").append(EventJson.toLine(event));
        }
        body.append(']');
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(api("/events"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, posted.statusCode(), posted.body());
        assertTrue(runtime.awaitIdle(CATCH_UP), "the preprocess function caught up");

        List<String> after = recommendations(user);
        assertNotEquals(before, after);
        for (String itemId : rated) {
            assertFalse(after.contains(itemId), "rated item " + itemId + " is consumed and filtered out");
        }
    }

    @Test
    @Order(6)
    void badRequestGetsProblemJson() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/users/1/recommendations?k=0")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse("")
                .split(";")[0]);
        assertTrue(response.body().contains("\"k\""), response.body());
    }

    private ReplaySummary replaySlice() throws InterruptedException {
        KinesisReplayer replayer = new KinesisReplayer(kinesis, dynamo);
        ReplaySummary summary = replayer.replay(ReplayOptions.movieLens(movieLens.resolve("ml-latest-small"))
                .withUsers(SLICE_USERS)
                .withStream(resources.interactionsStream())
                .withItemsTable(resources.itemsTable()), ReplayListener.NONE);
        assertTrue(summary.succeeded(), "replay: " + summary.toJsonLine());
        assertTrue(runtime.awaitIdle(CATCH_UP), "the preprocess function caught up");
        return summary;
    }

    private List<String> recommendations(String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/users/" + user + "/recommendations?k=10"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());

        List<String> ranked = new ArrayList<>();
        for (JsonNode item : EventJson.MAPPER.readTree(response.body()).get("items")) {
            ranked.add(item.get("itemId").asText());
        }
        return ranked;
    }

    private List<String> loggedEventIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(resources.bucket())
                .prefix(StreamRankResources.LOG_PREFIX)).contents()) {
            String text = s3.getObjectAsBytes(b -> b.bucket(resources.bucket()).key(object.key())).asUtf8String();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    String id = EventJson.MAPPER.readTree(line).get("eventId").asText();
                    if (id.startsWith("ml-")) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    private Set<String> userIds() {
        return slice.stream().map(Interaction::userId).collect(Collectors.toSet());
    }

    private Set<String> itemIds() {
        return slice.stream().map(Interaction::itemId).collect(Collectors.toSet());
    }

    private static List<Interaction> readSlice(Path dataRoot, int userCount) {
        Set<String> chosen = new HashSet<>();
        List<Interaction> events = new ArrayList<>();
        try (Stream<Interaction> ratings = MovieLensDataset.open(dataRoot.resolve("ml-latest-small")).ratings()) {
            ratings.forEach(event -> {
                if (chosen.contains(event.userId()) || chosen.size() < userCount && chosen.add(event.userId())) {
                    events.add(event);
                }
            });
        }
        return events;
    }

    private URI api(String pathAndQuery) {
        return URI.create(runtime.apiBaseUrl().toString().replaceAll("/$", "") + pathAndQuery);
    }
}
