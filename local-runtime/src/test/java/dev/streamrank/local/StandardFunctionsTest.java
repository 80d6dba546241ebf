package dev.streamrank.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The StreamRank handlers in the runtime: events in through the API, state out through the rankings. */
class StandardFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(RuntimeOptions.defaults(), StandardFunctions.all());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void eventsFlowFromIngestToUserState() throws Exception {
        String events = """
                [{"eventId":"sf-1","userId":"sf-user","itemId":"318","type":"rating","value":5,"timestamp":"2026-01-01T12:00:00Z"},
                 {"eventId":"sf-2","userId":"sf-user","itemId":"296","type":"click","timestamp":"2026-01-01T12:01:00Z"},
                 {"eventId":"sf-3","userId":"sf-user","itemId":"1","type":"bogus","timestamp":"2026-01-01T12:02:00Z"}]
                """;

        HttpResponse<String> ingest = post("/events", events);
        HttpResponse<String> again = post("/events", "{\"eventId\":\"sf-1\",\"userId\":\"sf-user\",\"itemId\":\"318\","
                + "\"type\":\"rating\",\"value\":5,\"timestamp\":\"2026-01-01T12:00:00Z\"}");

        assertEquals(202, ingest.statusCode(), ingest.body());
        assertEquals(2, JSON.readTree(ingest.body()).get("accepted").asInt(), "the unknown type is rejected at the API");
        assertEquals(202, again.statusCode(), again.body());
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(60)), "preprocess catches up");
        try (DynamoDbClient dynamo = runtime.clients().dynamoDb()) {
            UserState user = new UserStateTable(dynamo, runtime.resources().usersTable()).get("sf-user");
            assertEquals(2, user.totalInteractions(), "the repeated event counts once");
        }
        assertEquals(3, runtime.pollerMetrics().get(StandardFunctions.PREPROCESS).recordsSucceeded());
    }

    @Test
    void rankRoutesServeRequests() throws Exception {
        HttpResponse<String> health = get("/health");
        HttpResponse<String> ranking = get("/users/sf-user/recommendations?k=5");
        HttpResponse<String> unknown = get("/nowhere");

        assertEquals(200, health.statusCode(), health.body());
        assertEquals(200, ranking.statusCode(), ranking.body());
        JsonNode body = JSON.readTree(ranking.body());
        assertEquals("sf-user", body.get("userId").asText());
        assertTrue(body.has("items"), ranking.body());
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> document = get("/openapi.yaml");

        assertEquals(200, document.statusCode());
        assertTrue(document.body().startsWith("openapi:"), document.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(runtime.apiBaseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(runtime.apiBaseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
