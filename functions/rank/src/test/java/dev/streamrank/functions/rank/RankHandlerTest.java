package dev.streamrank.functions.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.emulators.LocalEmulators;
import dev.streamrank.event.EventJson;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.functions.http.ApiGatewayEvents;
import dev.streamrank.functions.http.HttpApi;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.ItemStateTable;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The rank handler against dynalite, with state written through the state tables. Each test gets
 * its own tables, so a test's catalog is exactly what it wrote.
 *
 * <p>Catalog used by most tests (all heat at the same instant, so popularity = heat / 50):
 * m1 heat 50; m2 heat 5, followed m3 four times; m3 heat 10; m4 heat 1, followed m3 once.
 */
class RankHandlerTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final AtomicInteger TABLE_SET = new AtomicInteger();

    private static LocalEmulators emulators;
    private static DynamoDbClient dynamo;

    private StreamRankResources resources;
    private ItemStateTable items;
    private UserStateTable users;
    private RankHandler handler;

    @BeforeAll
    static void startEmulators() {
        emulators = LocalEmulators.start();
        dynamo = emulators.clients().dynamoDb();
    }

    @AfterAll
    static void stopEmulators() {
        dynamo.close();
        emulators.close();
    }

    @BeforeEach
    void createTables() {
        String suffix = "-rank-" + TABLE_SET.incrementAndGet();
        StreamRankResources defaults = StreamRankResources.defaults();
        resources = new StreamRankResources(defaults.interactionsStream() + suffix,
                defaults.featurizedStream() + suffix, defaults.usersTable() + suffix, defaults.itemsTable() + suffix,
                defaults.dedupeTable() + suffix, defaults.bucket() + suffix);
        emulators.createResources(resources);
        items = new ItemStateTable(dynamo, resources.itemsTable());
        users = new UserStateTable(dynamo, resources.usersTable());
        handler = handler(resources);
    }

    @Test
    void recommendationsPersonalizedFromHistory() throws Exception {
        putStandardCatalog();
        putUser("u1", view("m3", 1));

        APIGatewayV2HTTPResponse response = get("/users/u1/recommendations?k=2");

        JsonNode body = json(response, 200);
        assertEquals("u1", body.get("userId").asText());
        assertEquals("baseline-cooccurrence-v1", body.get("modelVersion").asText());
        assertEquals("personalized", body.get("strategy").asText());
        assertFalse(body.get("degraded").asBoolean());
        // m2: 0.8 * 1 + 0.2 * 0.1; m4: 0.8 * 0.25 + 0.2 * 0.02; m1: 0.2 * 1
        assertEquals(List.of("m2", "m4"), itemIds(body));
        assertEquals(0.82, body.get("items").get(0).get("score").asDouble(), 1e-9);
        assertEquals("Title m2", body.get("items").get(0).get("title").asText());
        assertEquals(1, body.get("items").get(0).get("rank").asInt());
        assertEquals("m3", body.get("items").get(0).get("explanation").get("because").get(0).asText());
        assertEquals(1, body.get("filtered").get("consumed").asInt());
        assertEquals("test-request", response.getHeaders().get(HttpApi.REQUEST_ID_HEADER));
    }

    @Test
    void excludedItemsNotRecommended() throws Exception {
        putStandardCatalog();
        putUser("u1", view("m3", 1));

        JsonNode body = json(get("/users/u1/recommendations?exclude=m2,m4"), 200);

        assertEquals(List.of("m1"), itemIds(body));
        assertEquals(2, body.get("filtered").get("excluded").asInt());
    }

    @Test
    void newUserGetsPopularityRanking() throws Exception {
        putStandardCatalog();

        JsonNode body = json(get("/users/stranger/recommendations"), 200);

        assertEquals("popularity", body.get("strategy").asText());
        assertEquals("popularity", body.get("modelVersion").asText());
        assertEquals(List.of("m1", "m3", "m2", "m4"), itemIds(body));
        assertEquals(0, body.get("items").get(0).get("explanation").get("because").size());
    }

    @Test
    void postRankReranksSuppliedCandidates() throws Exception {
        putStandardCatalog();
        putUser("u1", view("m3", 1));

        JsonNode body = json(post("/rank", "{\"userId\": \"u1\", \"candidates\": [\"m1\", \"m2\", \"nope\", \"m1\","
                + " \"m3\"], \"k\": 10}"), 200);

        assertEquals(List.of("m2", "m1"), itemIds(body));
        assertEquals("nope", body.get("filtered").get("unknown").get(0).asText());
        assertEquals(1, body.get("filtered").get("duplicates").asInt());
        assertEquals(1, body.get("filtered").get("consumed").asInt());
    }

    @Test
    void rankingChangesAfterUserStateChanges() throws Exception {
        putStandardCatalog();
        putUser("u2", view("m3", 1));
        assertEquals("m2", itemIds(json(get("/users/u2/recommendations"), 200)).get(0));

        putItem("m5", 0.5, Map.of("m2", 10.0));
        UserState before = users.get("u2");
        List<RecentInteraction> recent = new ArrayList<>(before.recent());
        recent.add(view("m2", 2));
        assertTrue(users.putIfUnchanged(new UserState("u2", recent, Map.of("view", 2L), NOW, NOW + 120_000,
                new float[0], null, before.revision())));

        JsonNode after = json(get("/users/u2/recommendations"), 200);
        assertEquals("m5", itemIds(after).get(0), "the item that follows the newest view comes first");
        assertFalse(itemIds(after).contains("m2"), "the viewed item is consumed now");
        assertEquals("m2", after.get("items").get(0).get("explanation").get("because").get(0).asText());
    }

    @Test
    void healthReportsCatalogAndModel() throws Exception {
        putStandardCatalog();

        JsonNode body = json(get("/health"), 200);

        assertEquals("ok", body.get("status").asText());
        assertEquals("baseline-cooccurrence-v1", body.get("modelVersion").asText());
        assertEquals(4, body.get("catalogSize").asInt());
        assertFalse(body.get("degraded").asBoolean());
        assertNotNull(body.get("catalogLoadedAt").asText());
    }

    @Test
    void unreadableUserStateDegradesToPopularity() throws Exception {
        putStandardCatalog();
        putUser("u1", view("m3", 1));
        dynamo.deleteTable(b -> b.tableName(resources.usersTable()));

        JsonNode body = json(get("/users/u1/recommendations"), 200);

        assertTrue(body.get("degraded").asBoolean());
        assertEquals("popularity", body.get("strategy").asText());
        assertEquals("m1", itemIds(body).get(0));
    }

    @Test
    void failedCatalogReloadServesLastSnapshot() throws Exception {
        putStandardCatalog();
        assertFalse(json(get("/users/stranger/recommendations"), 200).get("degraded").asBoolean());
        dynamo.deleteTable(b -> b.tableName(resources.itemsTable()));

        JsonNode body = json(get("/users/stranger/recommendations"), 200);
        JsonNode health = json(get("/health"), 200);

        assertTrue(body.get("degraded").asBoolean());
        assertEquals(List.of("m1", "m3", "m2", "m4"), itemIds(body));
        assertEquals("degraded", health.get("status").asText());
    }

    @Test
    void catalogNeverLoadedIsServiceUnavailable() throws Exception {
        dynamo.deleteTable(b -> b.tableName(resources.itemsTable()));

        APIGatewayV2HTTPResponse response = get("/users/u1/recommendations");
        APIGatewayV2HTTPResponse health = get("/health");

        JsonNode problem = json(response, 503);
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertEquals("urn:streamrank:problem:dependency-unavailable", problem.get("type").asText());
        assertEquals("1", response.getHeaders().get("Retry-After"));
        assertFalse(problem.toString().contains("ResourceNotFound"), problem.toString());
        assertEquals(503, health.getStatusCode());
    }

    @Test
    void problemBodiesFromTheDeployedRoutes() throws Exception {
        putStandardCatalog();

        assertEquals("urn:streamrank:problem:not-found", json(get("/users/u1"), 404).get("type").asText());
        assertEquals("GET", post("/health", "{}").getHeaders().get("Allow"));
        assertEquals(415, handler.handleRequest(ApiGatewayEvents.request("POST", "/rank",
                Map.of("Content-Type", "text/plain"), "u1", "test-request"), null).getStatusCode());
        JsonNode invalid = json(get("/users/u1/recommendations?k=5000"), 400);
        assertEquals("k", invalid.get("errors").get(0).get("field").asText());
        assertEquals("5000", invalid.get("errors").get(0).get("value").asText());
    }

    private static RankHandler handler(StreamRankResources resources) {
        Map<String, String> settings = new HashMap<>(resources.toEnvironment());
        settings.put("STREAMRANK_CATALOG_REFRESH_SECONDS", "0");
        return new RankHandler(FunctionEnvironment.of(emulators.clients(), resources, settings));
    }

    private void putStandardCatalog() {
        putItem("m1", 50, Map.of());
        putItem("m2", 5, Map.of("m3", 4.0));
        putItem("m3", 10, Map.of());
        putItem("m4", 1, Map.of("m3", 1.0));
    }

    private void putItem(String itemId, double heat, Map<String, Double> precededBy) {
        assertTrue(items.putIfUnchanged(new ItemState(itemId, heat, NOW, Map.of("view", 1L), NOW, "Title " + itemId,
                List.of("Drama"), precededBy, 0)));
    }

    private void putUser(String userId, RecentInteraction... recent) {
        assertTrue(users.putIfUnchanged(new UserState(userId, List.of(recent), Map.of("view", (long) recent.length),
                NOW, NOW, new float[0], null, 0)));
    }

    private static RecentInteraction view(String itemId, long minute) {
        return new RecentInteraction("e-" + itemId + "-" + minute, itemId, "view", NOW + minute * 60_000);
    }

    private APIGatewayV2HTTPResponse get(String target) {
        return handler.handleRequest(ApiGatewayEvents.request("GET", target, Map.of(), null, "test-request"), null);
    }

    private APIGatewayV2HTTPResponse post(String target, String body) {
        return handler.handleRequest(ApiGatewayEvents.request("POST", target,
                Map.of("Content-Type", "application/json"), body, "test-request"), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response, int status) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return EventJson.MAPPER.readTree(response.getBody());
    }

    private static List<String> itemIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("items").forEach(item -> ids.add(item.get("itemId").asText()));
        return ids;
    }
}
