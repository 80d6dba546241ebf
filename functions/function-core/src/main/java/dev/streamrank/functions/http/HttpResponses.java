package dev.streamrank.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.streamrank.event.EventJson;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Builds API Gateway HTTP API responses with JSON bodies. */
public final class HttpResponses {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private HttpResponses() {
    }

    /** Returns a response whose body is {@code body} written by the shared mapper (null members omitted). */
    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, JSON, write(body), Map.of());
    }

    /** Returns an {@code application/problem+json} response. */
    public static APIGatewayV2HTTPResponse problem(Problem problem, Map<String, String> extraHeaders) {
        return response(problem.type().status(), PROBLEM_JSON, write(problem.toJson()), extraHeaders);
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body,
            Map<String, String> extraHeaders) {
        // Mutable on purpose: the invocation wrapper adds the request id header afterwards.
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private static String write(Object body) {
        try {
            return EventJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the response body as JSON", e);
        }
    }
}
