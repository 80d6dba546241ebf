package dev.streamrank.functions.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.emulators.LocalEmulators;
import dev.streamrank.event.EventJson;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.functions.http.ApiGatewayEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The ingest handler against kinesis-mock; each test has its own stream and reads it back. */
class IngestHandlerTest {

    private static final AtomicInteger STREAM_SET = new AtomicInteger();

    private static LocalEmulators emulators;
    private static KinesisClient kinesis;

    private StreamRankResources resources;
    private IngestHandler handler;

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

    @BeforeEach
    void createStream() {
        String suffix = "-ingest-" + STREAM_SET.incrementAndGet();
        StreamRankResources defaults = StreamRankResources.defaults();
        resources = new StreamRankResources(defaults.interactionsStream() + suffix,
                defaults.featurizedStream() + suffix, defaults.usersTable() + suffix, defaults.itemsTable() + suffix,
                defaults.dedupeTable() + suffix, defaults.bucket() + suffix);
        emulators.createResources(resources);
        handler = new IngestHandler(FunctionEnvironment.of(emulators.clients(), resources, resources.toEnvironment()));
    }

    @Test
    void validEventsPutOnStreamAndRejectedListed() throws Exception {
        String body = "[" + event("e1", "u1", "m1", "\"view\"") + ", "
                + "{\"eventId\": \"e2\", \"userId\": \"u1\", \"itemId\": \"m2\", \"type\": \"teleport\","
                + " \"timestamp\": \"2024-05-01T12:00:00Z\"}, "
                + event("e3", "u2", "m3", "\"click\"") + ", "
                + "42]";

        JsonNode result = json(post(body), 202);

        assertEquals(4, result.get("received").asInt());
        assertEquals(2, result.get("accepted").asInt());
        assertEquals(2, result.get("rejected").size());
        assertEquals(1, result.get("rejected").get(0).get("index").asInt());
        assertEquals("type", result.get("rejected").get(0).get("field").asText());
        assertTrue(result.get("rejected").get(0).get("reason").asText().contains("'teleport'"));
        assertEquals(3, result.get("rejected").get(1).get("index").asInt());
        assertEquals("(record)", result.get("rejected").get(1).get("field").asText());

        List<Record> records = readStream();
        assertEquals(2, records.size());
        Map<String, String> partitionKeyByEvent = new HashMap<>();
        for (Record record : records) {
            JsonNode stored = EventJson.MAPPER.readTree(record.data().asByteArray());
            partitionKeyByEvent.put(stored.get("eventId").asText(), record.partitionKey());
            assertEquals("2024-05-01T12:00:00Z", stored.get("timestamp").asText());
        }
        assertEquals(Map.of("e1", "u1", "e3", "u2"), partitionKeyByEvent);
    }

    @Test
    void singleEventObjectAccepted() throws Exception {
        JsonNode result = json(post(event("solo", "u9", "m9", "\"purchase\"")), 202);

        assertEquals(1, result.get("accepted").asInt());
        assertEquals(0, result.get("rejected").size());
        assertEquals(1, readStream().size());
    }

    @Test
    void allInvalidIsBadRequestListingEach() throws Exception {
        String body = "[{\"eventId\": \"e1\"}, " + event("e2", "", "m1", "\"view\"") + "]";

        APIGatewayV2HTTPResponse response = post(body);

        JsonNode problem = json(response, 400);
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertEquals("urn:streamrank:problem:invalid-request", problem.get("type").asText());
        assertEquals("events[0].userId", problem.get("errors").get(0).get("field").asText());
        assertEquals("events[1].userId", problem.get("errors").get(1).get("field").asText());
        assertEquals("", problem.get("errors").get(1).get("value").asText());
        assertTrue(problem.get("detail").asText().contains("missing required field 'userId'"), problem.toString());
        assertEquals(0, readStream().size());
    }

    @Test
    void tooManyEventsRejectedBeforeValidation() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(event("e" + i, "u1", "m1", "\"view\""));
        }

        JsonNode problem = json(post("[" + String.join(",", events) + "]"), 400);

        assertTrue(problem.get("detail").asText().contains("holds 501 events"), problem.toString());
        assertEquals(0, readStream().size());
    }

    @Test
    void emptyArrayIsBadRequest() throws Exception {
        JsonNode problem = json(post("[]"), 400);

        assertTrue(problem.get("detail").asText().contains("holds 0 events"), problem.toString());
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.request("POST", "/events",
                Map.of("Content-Type", "application/x-ndjson"), event("e1", "u1", "m1", "\"view\""), "test-request"),
                null);

        assertEquals(415, response.getStatusCode());
        assertEquals(0, readStream().size());
    }

    @Test
    void missingStreamIsServiceUnavailable() throws Exception {
        StreamRankResources missing = new StreamRankResources("no-such-stream", resources.featurizedStream(),
                resources.usersTable(), resources.itemsTable(), resources.dedupeTable(), resources.bucket());
        IngestHandler broken = new IngestHandler(FunctionEnvironment.of(emulators.clients(), missing,
                missing.toEnvironment()));

        APIGatewayV2HTTPResponse response = broken.handleRequest(ApiGatewayEvents.request("POST", "/events",
                Map.of("Content-Type", "application/json"), event("e1", "u1", "m1", "\"view\""), "test-request"), null);

        JsonNode problem = json(response, 503);
        assertEquals("urn:streamrank:problem:dependency-unavailable", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().startsWith("1 of 1 events could not be put"), problem.toString());
        assertFalse(problem.toString().contains("no-such-stream"), problem.toString());
    }

    @Test
    void wrongMethodIsNotAllowed() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.request("GET", "/events",
                Map.of(), null, "test-request"), null);

        assertEquals(405, response.getStatusCode());
        assertEquals("POST", response.getHeaders().get("Allow"));
    }

    private static String event(String eventId, String userId, String itemId, String type) {
        return "{\"eventId\": \"" + eventId + "\", \"userId\": \"" + userId + "\", \"itemId\": \"" + itemId
                + "\", \"type\": " + type + ", \"timestamp\": \"2024-05-01T12:00:00Z\"}";
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return handler.handleRequest(ApiGatewayEvents.request("POST", "/events",
                Map.of("Content-Type", "application/json"), body, "test-request"), null);
    }

    private List<Record> readStream() {
        List<Record> records = new ArrayList<>();
        String stream = resources.interactionsStream();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            records.addAll(kinesis.getRecords(b -> b.shardIterator(iterator)).records());
        }
        return records;
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response, int status) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return EventJson.MAPPER.readTree(response.getBody());
    }
}
