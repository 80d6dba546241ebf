package dev.streamrank.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.event.EventJson;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing, problem responses and request ids, with route handlers that echo what they received. */
class HttpApiTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final HttpApi api = new HttpApi(new Router(List.of(
            new Route("GET", "/users/{userId}/things", (request, summary) -> HttpResponses.json(200,
                    Map.of("userId", request.pathParameter("userId")))),
            new Route("POST", "/users/{userId}/things", (request, summary) -> HttpResponses.json(201,
                    JsonBody.read(request, 64))),
            new Route("GET", "/boom", (request, summary) -> {
                throw new IllegalStateException("internal table name secret-table");
            }),
            new Route("GET", "/down", (request, summary) -> {
                throw new DependencyFailureException("the users table could not be read; retry later",
                        new RuntimeException("socket closed"));
            }))));

    @Test
    void unknownPathIsNotFoundProblem() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/nowhere", Map.of(), null);

        JsonNode problem = problem(response, 404);
        assertEquals("urn:streamrank:problem:not-found", problem.get("type").asText());
        assertEquals("/nowhere", problem.get("instance").asText());
        assertTrue(problem.get("detail").asText().contains("GET /nowhere"), problem.toString());
        assertTrue(problem.get("detail").asText().contains("GET /users/{userId}/things"), problem.toString());
    }

    @Test
    void wrongMethodIsNotAllowedWithAllowHeader() throws Exception {
        APIGatewayV2HTTPResponse response = call("DELETE", "/users/7/things", Map.of(), null);

        JsonNode problem = problem(response, 405);
        assertEquals("urn:streamrank:problem:method-not-allowed", problem.get("type").asText());
        assertEquals("GET, POST", response.getHeaders().get("Allow"));
    }

    @Test
    void pathParameterIsPercentDecoded() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/users/a%2Fb+c/things", Map.of(), null);

        assertEquals(200, response.getStatusCode());
        assertEquals("a/b+c", EventJson.MAPPER.readTree(response.getBody()).get("userId").asText());
    }

    @Test
    void requestIdReturnedInHeader() {
        APIGatewayV2HTTPResponse found = call("GET", "/users/7/things", Map.of(), null);
        APIGatewayV2HTTPResponse missing = call("GET", "/nowhere", Map.of(), null);

        assertEquals("req-1", found.getHeaders().get(HttpApi.REQUEST_ID_HEADER));
        assertEquals("req-1", missing.getHeaders().get(HttpApi.REQUEST_ID_HEADER));
    }

    @Test
    void namedStageIsRemovedFromThePath() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("GET", "/prod/users/7/things", Map.of(), null, "req-1");
        event.getRequestContext().setStage("prod");

        assertEquals(200, api.handle(event, null).getStatusCode());
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/users/7/things", Map.of("Content-Type", "text/plain"),
                "{}");

        JsonNode problem = problem(response, 415);
        assertTrue(problem.get("detail").asText().contains("'text/plain'"), problem.toString());
        assertTrue(problem.get("detail").asText().contains("application/json"), problem.toString());
    }

    @Test
    void jsonWithCharsetAndSuffixTypesAccepted() {
        assertEquals(201, call("POST", "/users/7/things", Map.of("content-type", "application/json; charset=utf-8"),
                "{}").getStatusCode());
        assertEquals(201, call("POST", "/users/7/things", Map.of("content-type", "application/merge-patch+json"),
                "{}").getStatusCode());
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() throws Exception {
        String body = "{\"text\": \"" + "x".repeat(100) + "\"}";

        JsonNode problem = problem(call("POST", "/users/7/things", JSON, body), 413);

        assertTrue(problem.get("detail").asText().contains("limit of 64 bytes"), problem.toString());
    }

    @Test
    void malformedJsonNamesTheLocation() throws Exception {
        JsonNode problem = problem(call("POST", "/users/7/things", JSON, "{\"a\": }"), 400);

        assertEquals("urn:streamrank:problem:malformed-request", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("line 1, column 7"), problem.toString());
    }

    @Test
    void base64BodyIsDecoded() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", "/users/7/things", JSON,
                Base64.getEncoder().encodeToString("{\"a\": 1}".getBytes()), "req-1");
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = api.handle(event, null);

        assertEquals(201, response.getStatusCode());
        assertEquals("{\"a\":1}", response.getBody());
    }

    @Test
    void unexpectedFailureHidesInternals() throws Exception {
        JsonNode problem = problem(call("GET", "/boom", Map.of(), null), 500);

        assertEquals("urn:streamrank:problem:internal-error", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("req-1"), problem.toString());
        assertFalse(problem.toString().contains("secret-table"), problem.toString());
        assertFalse(problem.toString().contains("Exception"), problem.toString());
    }

    @Test
    void dependencyFailureIsServiceUnavailable() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/down", Map.of(), null);

        JsonNode problem = problem(response, 503);
        assertEquals("urn:streamrank:problem:dependency-unavailable", problem.get("type").asText());
        assertEquals("1", response.getHeaders().get("Retry-After"));
        assertFalse(problem.toString().contains("socket closed"), problem.toString());
    }

    @Test
    void repeatedQueryParametersJoinedWithCommas() {
        assertEquals(Map.of("exclude", "a,b", "k", "5"), ApiGatewayEvents.queryParameters("exclude=a&k=5&exclude=b"));
    }

    private APIGatewayV2HTTPResponse call(String method, String target, Map<String, String> headers, String body) {
        return api.handle(ApiGatewayEvents.request(method, target, headers, body, "req-1"), null);
    }

    private static JsonNode problem(APIGatewayV2HTTPResponse response, int status) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(HttpResponses.PROBLEM_JSON, response.getHeaders().get("Content-Type"));
        JsonNode problem = EventJson.MAPPER.readTree(response.getBody());
        assertEquals(status, problem.get("status").asInt());
        return problem;
    }
}
