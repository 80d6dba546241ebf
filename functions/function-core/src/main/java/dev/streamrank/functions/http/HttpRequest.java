package dev.streamrank.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API (payload format 2.0) request that route handlers read.
 * Immutable.
 *
 * <p>Header names are lower-case. Query parameters are as API Gateway delivers them: a repeated
 * parameter arrives once, its values joined by commas. The body is the decoded bytes, whether or
 * not API Gateway base64-encoded it.
 */
public final class HttpRequest {

    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final Map<String, String> queryParameters;
    private final Map<String, String> pathParameters;
    private final byte[] body;
    private final String requestId;

    public HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> queryParameters,
            Map<String, String> pathParameters, byte[] body, String requestId) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.headers = lowerCaseKeys(headers);
        this.queryParameters = Map.copyOf(queryParameters);
        this.pathParameters = Map.copyOf(pathParameters);
        this.body = body == null ? new byte[0] : body;
        this.requestId = requestId;
    }

    /**
     * Reads a Lambda event. The stage name is removed from the front of the path when the API uses a
     * named stage, because route templates are written without it.
     *
     * @throws InvalidRequestException when a base64 body does not decode
     */
    public static HttpRequest from(APIGatewayV2HTTPEvent event, String requestId) {
        String method = "GET";
        String stage = null;
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context != null) {
            stage = context.getStage();
            if (context.getHttp() != null && context.getHttp().getMethod() != null) {
                method = context.getHttp().getMethod();
            }
        }

        return new HttpRequest(method, pathWithoutStage(event.getRawPath(), stage), nullToEmpty(event.getHeaders()),
                nullToEmpty(event.getQueryStringParameters()), Map.of(), decodeBody(event), requestId);
    }

    /** Returns a copy carrying the values a route template matched. */
    public HttpRequest withPathParameters(Map<String, String> parameters) {
        return new HttpRequest(method, path, headers, queryParameters, parameters, body, requestId);
    }

    public String method() {
        return method;
    }

    /** Returns the request path without query string and stage, for example {@code /users/42/recommendations}. */
    public String path() {
        return path;
    }

    /** Returns a header value by case-insensitive name, or null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    /** Returns a query parameter, or null when absent. */
    public String queryParameter(String name) {
        return queryParameters.get(name);
    }

    /** Returns a path parameter, already percent-decoded, or null when the route has none of that name. */
    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** Returns the decoded body, empty when the request has none. The array is shared, so do not modify it. */
    public byte[] body() {
        return body;
    }

    public String requestId() {
        return requestId;
    }

    private static String pathWithoutStage(String rawPath, String stage) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (stage == null || stage.isEmpty() || "$default".equals(stage)) {
            return path;
        }
        String prefix = "/" + stage;
        if (path.equals(prefix)) {
            return "/";
        }
        return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    private static byte[] decodeBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.malformed("the request body is marked base64-encoded but does not decode: "
                    + e.getMessage() + "; send the body as plain UTF-8 JSON", e);
        }
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                lowerCase.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return Map.copyOf(lowerCase);
    }

    private static Map<String, String> nullToEmpty(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
