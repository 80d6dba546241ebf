package dev.streamrank.local.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrank.local.lambda.LocalFunction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicReference<APIGatewayV2HTTPEvent> LAST_EVENT = new AtomicReference<>();
    private static final AtomicReference<APIGatewayV2HTTPResponse> NEXT_RESPONSE = new AtomicReference<>();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static ApiServer server;

    @BeforeAll
    static void startServer() {
        LocalFunction rank = LocalFunction.named("rank", "us-east-1");
        server = ApiServer.builder()
                .maxBodyBytes(1024)
                .route("GET /users/{userId}/recommendations", rank, ApiServerTest::recordAndAnswer)
                .route("POST /rank", rank, ApiServerTest::recordAndAnswer)
                .route("POST /events", LocalFunction.named("ingest", "us-east-1"), ApiServerTest::recordAndAnswer)
                .route("GET /boom", rank, (event, context) -> {
                    throw new IllegalStateException("handler bug");
                })
                .route("GET /null", rank, (event, context) -> null)
                .staticRoute("GET /openapi.yaml", "application/yaml", "openapi: 3.0.3\n".getBytes(StandardCharsets.UTF_8))
                .build()
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        LAST_EVENT.set(null);
        NEXT_RESPONSE.set(APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{}").build());
    }

    @Test
    void getBecomesHttpApiEvent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url("/users/user%201/recommendations?k=5&tag=a&tag=b%20c"))
                .header("X-Trace-Id", "abc")
                .header("Cookie", "session=1; theme=dark")
                .GET().build();

        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        APIGatewayV2HTTPEvent event = LAST_EVENT.get();
        assertEquals("2.0", event.getVersion());
        assertEquals("GET /users/{userId}/recommendations", event.getRouteKey());
        assertEquals("/users/user%201/recommendations", event.getRawPath());
        assertEquals("k=5&tag=a&tag=b%20c", event.getRawQueryString());
        assertEquals(Map.of("userId", "user 1"), event.getPathParameters());
        assertEquals(Map.of("k", "5", "tag", "a,b c"), event.getQueryStringParameters());
        assertEquals("abc", event.getHeaders().get("x-trace-id"), "header names are lower case");
        assertFalse(event.getHeaders().containsKey("cookie"), "cookies move out of the headers");
        assertEquals(List.of("session=1", "theme=dark"), event.getCookies());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());

        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertEquals("GET", context.getHttp().getMethod());
        assertEquals("/users/user%201/recommendations", context.getHttp().getPath());
        assertEquals("127.0.0.1", context.getHttp().getSourceIp());
        assertEquals("GET /users/{userId}/recommendations", context.getRouteKey());
        assertEquals("$default", context.getStage());
        assertFalse(context.getRequestId().isBlank());
        assertTrue(context.getTime().matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"),
                context.getTime());
        assertTrue(context.getTimeEpoch() > 0);
        assertEquals(context.getRequestId(), response.headers().firstValue("apigw-requestid").orElseThrow());
    }

    @Test
    void jsonBodyTravelsAsText() throws Exception {
        String body = "{\"userId\":\"u1\",\"candidates\":[\"i1\",\"i2\"]}";

        CLIENT.send(HttpRequest.newBuilder(url("/rank")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        APIGatewayV2HTTPEvent event = LAST_EVENT.get();
        assertEquals("POST /rank", event.getRouteKey());
        assertEquals(body, event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertNull(event.getPathParameters());
        assertNull(event.getQueryStringParameters());
    }

    @Test
    void binaryBodyTravelsAsBase64() throws Exception {
        byte[] body = {0, 1, 2, (byte) 0xFF};

        CLIENT.send(HttpRequest.newBuilder(url("/events")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        APIGatewayV2HTTPEvent event = LAST_EVENT.get();
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(body, Base64.getDecoder().decode(event.getBody()));
    }

    @Test
    void responseRoundTrips() throws Exception {
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(202)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Model-Version", "v7"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Origin")))
                .withCookies(List.of("seen=1; Path=/"))
                .withBody("{\"accepted\":3}")
                .build();
        NEXT_RESPONSE.set(answer);

        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(url("/events"))
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(202, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("v7", response.headers().firstValue("x-model-version").orElseThrow());
        assertEquals(List.of("Accept", "Origin"), response.headers().allValues("vary"));
        assertEquals(List.of("seen=1; Path=/"), response.headers().allValues("set-cookie"));
        assertEquals("{\"accepted\":3}", response.body());
    }

    @Test
    void base64ResponseBodyIsDecoded() throws Exception {
        byte[] bytes = {10, 20, 30};
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withBody(Base64.getEncoder().encodeToString(bytes)).build();
        answer.setIsBase64Encoded(true);
        NEXT_RESPONSE.set(answer);

        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(url("/rank"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertArrayEquals(bytes, response.body());
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        byte[] body = new byte[2048];

        HttpResponse<String> tooLarge = CLIENT.send(HttpRequest.newBuilder(url("/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(413, tooLarge.statusCode());
        assertEquals("application/problem+json", tooLarge.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = JSON.readTree(tooLarge.body());
        assertEquals(413, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("1024 bytes"), problem.get("detail").asText());
        assertNull(LAST_EVENT.get(), "the handler is not invoked");

        HttpResponse<String> next = CLIENT.send(HttpRequest.newBuilder(url("/rank"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, next.statusCode());
    }

    @Test
    void unknownPathGets404Problem() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(url("/nowhere")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = JSON.readTree(response.body());
        assertTrue(problem.get("detail").asText().contains("GET /nowhere"), problem.get("detail").asText());
        assertTrue(problem.get("detail").asText().contains("POST /rank"), "lists the routes");
        assertEquals("/nowhere", problem.get("instance").asText());
    }

    @Test
    void wrongMethodGets404() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(url("/rank")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
    }

    @Test
    void handlerFailuresGet5xx() throws Exception {
        HttpResponse<String> thrown = CLIENT.send(HttpRequest.newBuilder(url("/boom")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> empty = CLIENT.send(HttpRequest.newBuilder(url("/null")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(500, thrown.statusCode());
        assertEquals("application/problem+json", thrown.headers().firstValue("content-type").orElseThrow());
        assertTrue(thrown.body().contains("IllegalStateException"), thrown.body());
        assertEquals(502, empty.statusCode());
        assertTrue(empty.body().contains("null"), empty.body());
    }

    @Test
    void staticRouteServesItsBytes() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(url("/openapi.yaml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("application/yaml", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("openapi: 3.0.3\n", response.body());
    }

    @Test
    void defaultRouteCatchesRest() throws Exception {
        LocalFunction function = LocalFunction.named("catch-all", "us-east-1");
        try (ApiServer catchAll = ApiServer.builder()
                .route("GET /health", function, (event, context) -> answer(200, "healthy"))
                .route("$default", function, (event, context) -> answer(418, event.getRouteKey() + " " + event.getRawPath()))
                .build().start()) {

            HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(catchAll.baseUrl().resolve("/health"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> other = CLIENT.send(HttpRequest.newBuilder(catchAll.baseUrl().resolve("/x/y"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());

            assertEquals("healthy", health.body());
            assertEquals(418, other.statusCode());
            assertEquals("$default /x/y", other.body());
        }
    }

    @Test
    void malformedRouteKeyRejected() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RouteTemplate.parse("users/{id}"));
        assertTrue(error.getMessage().contains("users/{id}"), error.getMessage());
    }

    private static APIGatewayV2HTTPResponse recordAndAnswer(APIGatewayV2HTTPEvent event,
            com.amazonaws.services.lambda.runtime.Context context) {
        LAST_EVENT.set(event);
        return NEXT_RESPONSE.get();
    }

    private static APIGatewayV2HTTPResponse answer(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withBody(body).build();
    }

    private static URI url(String pathAndQuery) {
        return URI.create(server.baseUrl() + pathAndQuery);
    }
}
