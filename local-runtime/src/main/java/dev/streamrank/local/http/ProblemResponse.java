package dev.streamrank.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem document that the server itself returns when no handler could respond: no
 * route, a body over the limit, a handler that threw or returned an invalid response.
 *
 * @param status HTTP status
 * @param title  short summary of the problem type
 * @param detail what went wrong with this request and what to do
 */
record ProblemResponse(int status, String title, String detail) {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toJson(String instance, String requestId) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", instance);
        problem.put("requestId", requestId);
        return problem.toString().getBytes(StandardCharsets.UTF_8);
    }
}
