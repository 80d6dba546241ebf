package dev.streamrank.functions.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.functions.http.ApiGatewayEvents;
import dev.streamrank.functions.http.Route;
import dev.streamrank.functions.ingest.IngestHandler;
import java.io.InputStream;
import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The OpenAPI document and the handlers describe the same API. The handlers point at a closed
 * loopback port: this test checks routing, not data, so a route may return 400 or 503 but never
 * 404 or 405.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head",
            "options", "trace");

    private static JsonNode document;
    private static RankHandler rank;
    private static IngestHandler ingest;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream yaml = RankHandler.class.getResourceAsStream("/openapi.yaml")) {
            assertNotNull(yaml, "openapi.yaml is missing from the rank function's resources");
            document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        }
        FunctionEnvironment unreachable = FunctionEnvironment.of(
                AwsClients.local(AwsClients.Endpoints.single(URI.create("http://127.0.0.1:9"), Region.US_EAST_1)),
                StreamRankResources.defaults(), Map.of());
        rank = new RankHandler(unreachable);
        ingest = new IngestHandler(unreachable);
    }

    @Test
    void documentIsOpenApi31() {
        assertTrue(document.path("openapi").asText().startsWith("3.1"), "openapi: " + document.path("openapi"));
        assertTrue(document.path("info").has("title"));
    }

    @Test
    void documentedRoutesEqualRegisteredRoutes() {
        Set<String> registered = new TreeSet<>();
        rank.router().routes().stream().map(Route::key).forEach(registered::add);
        ingest.router().routes().stream().map(Route::key).forEach(registered::add);

        assertEquals(registered, documentedRoutes());
    }

    @Test
    void everyOperationDocumentsProblemResponses() {
        forEachOperation((key, operation) -> {
            JsonNode responses = operation.path("responses");
            assertTrue(responses.has("405"), key + " documents no 405");
            assertTrue(responses.has("503"), key + " documents no 503");
            responses.fieldNames().forEachRemaining(status -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    JsonNode response = resolve(responses.get(status));
                    assertTrue(response.path("content").has("application/problem+json"),
                            key + " " + status + " is not application/problem+json");
                }
            });
        });
    }

    @Test
    void everyDocumentedRouteIsServed() {
        forEachOperation((key, operation) -> {
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1).replace("{userId}", "user-1");
            APIGatewayV2HTTPResponse response = call(method, path);

            assertNotEquals(404, response.getStatusCode(), key + ": " + response.getBody());
            assertNotEquals(405, response.getStatusCode(), key + ": " + response.getBody());
        });
    }

    private static APIGatewayV2HTTPResponse call(String method, String path) {
        var event = ApiGatewayEvents.request(method, path, Map.of("Content-Type", "application/json"),
                method.equals("POST") ? "{}" : null, "openapi-test");
        if (rank.router().routes().stream().anyMatch(route -> route.match(path).isPresent())) {
            return rank.handleRequest(event, null);
        }
        return ingest.handleRequest(event, null);
    }

    private static Set<String> documentedRoutes() {
        Set<String> documented = new TreeSet<>();
        forEachOperation((key, operation) -> documented.add(key));
        return documented;
    }

    private static void forEachOperation(BiConsumer<String, JsonNode> action) {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (HTTP_METHODS.contains(operation.getKey())) {
                    action.accept(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                            operation.getValue());
                }
            }
        }
    }

    /** Follows a local {@code $ref} such as {@code #/components/responses/NotFound}. */
    private static JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        String pointer = node.get("$ref").asText();
        assertTrue(pointer.startsWith("#/"), "only local references are used: " + pointer);
        JsonNode target = document.at(pointer.substring(1));
        assertFalse(target.isMissingNode(), "dangling reference " + pointer);
        return target;
    }
}
