package dev.streamrank.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the payload format 2.0 event an API Gateway HTTP API sends to a Lambda integration:
 * header names in lower case with repeated headers joined by commas, cookies taken out of the
 * {@code cookie} header, decoded query and path parameters (repeated query parameters joined by
 * commas), and the body as text unless its content type is binary, in which case it is base64.
 */
final class HttpEventFactory {

    /** API Gateway's format of {@code requestContext.time}. */
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpEventFactory() {
    }

    static APIGatewayV2HTTPEvent create(HttpExchange exchange, RouteTemplate route, Map<String, String> pathParameters,
            byte[] body, String requestId, Instant receivedAt) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> headers = headers(exchange);
        List<String> cookies = cookies(headers.remove("cookie"));
        String host = headers.getOrDefault("host", "127.0.0.1");

        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(exchange.getRequestMethod())
                .withPath(rawPath)
                .withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("user-agent"))
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(host)
                .withDomainPrefix(host.contains(".") ? host.substring(0, host.indexOf('.')) : host)
                .withStage("$default")
                .withRouteKey(route.key())
                .withRequestId(requestId)
                .withTime(REQUEST_TIME.format(receivedAt))
                .withTimeEpoch(receivedAt.toEpochMilli())
                .withHttp(http)
                .build();

        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.key())
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(rawQuery))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .build();
        if (body.length > 0) {
            boolean binary = isBinary(headers.get("content-type"));
            event.setBody(binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
            event.setIsBase64Encoded(binary);
        }
        return event;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b));
        return headers;
    }

    private static List<String> cookies(String cookieHeader) {
        if (cookieHeader == null || cookieHeader.isBlank()) {
            return null;
        }
        List<String> cookies = new ArrayList<>();
        for (String cookie : cookieHeader.split("[;,]")) {
            if (!cookie.isBlank()) {
                cookies.add(cookie.trim());
            }
        }
        return cookies;
    }

    /** Returns the decoded query parameters, or null without a query string, as API Gateway leaves the field out. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decodeQuery(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /** Text types travel as strings; anything else (images, octet streams, no type at all with bytes) as base64. */
    static boolean isBinary(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return !(type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("yaml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded"));
    }
}
