package dev.streamrank.functions.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.EventJson;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.functions.http.ApiGatewayEvents;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;

/**
 * Every invalid request is rejected before any table is read, so the handler here points at a
 * closed loopback port: a case that reached DynamoDB would get 503 and fail.
 */
class RankValidationTest {

    private static final RankHandler HANDLER = new RankHandler(FunctionEnvironment.of(
            AwsClients.local(AwsClients.Endpoints.single(URI.create("http://127.0.0.1:9"), Region.US_EAST_1)),
            StreamRankResources.defaults(), Map.of()));

    /**
     * One bad request and the problem it must produce.
     *
     * @param field    the field the {@code errors} array must name; null for problems without errors
     * @param mentions text the detail must contain, usually the offending value
     */
    record Case(String name, String method, String target, String contentType, String body, int status, String type,
            String field, String mentions) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badRequests() {
        String longId = "u".repeat(129);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add("\"i" + i + "\"");
        }
        return Stream.of(
                get("k zero", "/users/u1/recommendations?k=0", "k", "'0'"),
                get("k not a number", "/users/u1/recommendations?k=abc", "k", "'abc'"),
                get("k above maximum", "/users/u1/recommendations?k=1001", "k", "'1001'"),
                get("user id too long", "/users/" + longId + "/recommendations", "userId", "found 129"),
                get("empty exclude entry", "/users/u1/recommendations?exclude=a,,b", "exclude[1]", "found 0"),
                get("unknown query parameter", "/users/u1/recommendations?limit=5", "limit", "'limit'"),
                post("body not an object", "[]", "(body)", "found array"),
                post("user id missing", "{\"candidates\": [\"a\"]}", "userId", "missing required field 'userId'"),
                post("user id not a string", "{\"userId\": 42, \"candidates\": [\"a\"]}", "userId", "found 42"),
                post("candidates missing", "{\"userId\": \"u1\"}", "candidates", "missing required field 'candidates'"),
                post("candidates empty", "{\"userId\": \"u1\", \"candidates\": []}", "candidates", "is empty"),
                post("candidates not an array", "{\"userId\": \"u1\", \"candidates\": \"a,b\"}", "candidates",
                        "\"a,b\""),
                post("candidate empty string", "{\"userId\": \"u1\", \"candidates\": [\"a\", \"\"]}", "candidates[1]",
                        "found 0"),
                post("candidate not a string", "{\"userId\": \"u1\", \"candidates\": [\"a\", 5]}", "candidates[1]",
                        "found 5"),
                post("too many candidates", "{\"userId\": \"u1\", \"candidates\": [" + String.join(",", tooMany)
                        + "]}", "candidates", "has 1001 entries"),
                post("k fractional", "{\"userId\": \"u1\", \"candidates\": [\"a\"], \"k\": 2.5}", "k", "'2.5'"),
                post("k as string", "{\"userId\": \"u1\", \"candidates\": [\"a\"], \"k\": \"10\"}", "k", "'\"10\"'"),
                post("exclude not an array", "{\"userId\": \"u1\", \"candidates\": [\"a\"], \"exclude\": \"b\"}",
                        "exclude", "\"b\""),
                post("unknown field", "{\"userId\": \"u1\", \"candidates\": [\"a\"], \"limit\": 3}", "limit",
                        "'limit'"),
                new Case("malformed JSON", "POST", "/rank", "application/json", "{\"userId\": ", 400,
                        "urn:streamrank:problem:malformed-request", null, "not valid JSON"),
                new Case("empty body", "POST", "/rank", "application/json", "", 400,
                        "urn:streamrank:problem:malformed-request", null, "empty"),
                new Case("wrong content type", "POST", "/rank", "text/csv", "u1,a,b", 415,
                        "urn:streamrank:problem:unsupported-media-type", null, "'text/csv'"),
                new Case("missing content type", "POST", "/rank", null, "{}", 415,
                        "urn:streamrank:problem:unsupported-media-type", null, "no Content-Type"),
                new Case("wrong method on rank", "GET", "/rank", null, null, 405,
                        "urn:streamrank:problem:method-not-allowed", null, "use POST"),
                new Case("wrong method on health", "DELETE", "/health", null, null, 405,
                        "urn:streamrank:problem:method-not-allowed", null, "use GET"),
                new Case("empty user id segment", "GET", "/users//recommendations", null, null, 404,
                        "urn:streamrank:problem:not-found", null, "/users//recommendations"),
                new Case("unknown path", "GET", "/recommendations", null, null, 404,
                        "urn:streamrank:problem:not-found", null, "GET /recommendations"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestAnsweredWithProblem(Case testCase) throws Exception {
        APIGatewayV2HTTPResponse response = call(testCase.method(), testCase.target(), testCase.contentType(),
                testCase.body());

        assertEquals(testCase.status(), response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        JsonNode problem = EventJson.MAPPER.readTree(response.getBody());
        assertEquals(testCase.type(), problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains(testCase.mentions()),
                "detail should mention " + testCase.mentions() + ": " + problem.get("detail"));
        if (testCase.field() != null) {
            JsonNode error = problem.get("errors").get(0);
            assertEquals(testCase.field(), error.get("field").asText(), problem.toString());
            assertTrue(error.get("fix").asText().length() > 10, "fix should say what to send: " + error);
        }
    }

    @Test
    void everyViolationListedAtOnce() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/rank", "application/json",
                "{\"userId\": \"\", \"candidates\": [\"a\", 7], \"k\": 0}");

        JsonNode errors = EventJson.MAPPER.readTree(response.getBody()).get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(error -> fields.add(error.get("field").asText()));
        assertEquals(List.of("userId", "candidates[1]", "k"), fields);
        assertEquals("7", errors.get(1).get("value").asText());
    }

    @Test
    void longValueAbbreviatedInProblem() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/users/" + "x".repeat(500) + "/recommendations", null, null);

        JsonNode error = EventJson.MAPPER.readTree(response.getBody()).get("errors").get(0);
        assertEquals(80, error.get("value").asText().length());
        assertTrue(error.get("value").asText().endsWith("..."));
    }

    private static Case get(String name, String target, String field, String mentions) {
        return new Case(name, "GET", target, null, null, 400, "urn:streamrank:problem:invalid-request", field,
                mentions);
    }

    private static Case post(String name, String body, String field, String mentions) {
        return new Case(name, "POST", "/rank", "application/json", body, 400, "urn:streamrank:problem:invalid-request",
                field, mentions);
    }

    private static APIGatewayV2HTTPResponse call(String method, String target, String contentType, String body) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        return HANDLER.handleRequest(ApiGatewayEvents.request(method, target, headers, body, "test-request"), null);
    }
}
