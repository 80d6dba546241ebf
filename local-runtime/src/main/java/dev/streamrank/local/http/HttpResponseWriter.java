package dev.streamrank.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes a handler's {@link APIGatewayV2HTTPResponse} as API Gateway does: single and
 * multi-value headers, cookies as {@code Set-Cookie}, and the body decoded from base64 when the
 * handler marked it so.
 */
final class HttpResponseWriter {

    private HttpResponseWriter() {
    }

    /** Returns what makes the response unusable, or null when it can be written. */
    static String validate(APIGatewayV2HTTPResponse response) {
        if (response == null) {
            return "the response is null";
        }
        if (response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            return "statusCode " + response.getStatusCode() + " is not an HTTP status (100 to 599)";
        }
        if (response.getIsBase64Encoded() && response.getBody() != null) {
            try {
                Base64.getDecoder().decode(response.getBody());
            } catch (IllegalArgumentException e) {
                return "isBase64Encoded is true but the body is not base64 (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response, String requestId) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                headers.set(header.getKey(), header.getValue());
            }
        }
        if (response.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                for (String value : header.getValue()) {
                    headers.add(header.getKey(), value);
                }
            }
        }
        if (response.getCookies() != null) {
            for (String cookie : response.getCookies()) {
                headers.add("Set-Cookie", cookie);
            }
        }
        headers.set("apigw-requestid", requestId);

        byte[] body = body(response);
        boolean noBody = body.length == 0 || response.getStatusCode() == 204 || response.getStatusCode() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.getStatusCode(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] body(APIGatewayV2HTTPResponse response) {
        if (response.getBody() == null) {
            return new byte[0];
        }
        return response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
    }
}
