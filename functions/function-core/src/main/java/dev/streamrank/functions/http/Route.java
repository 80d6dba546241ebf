package dev.streamrank.functions.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One method and path template, such as {@code GET /users/{userId}/recommendations}.
 *
 * <p>A template segment in braces matches any one non-empty path segment and captures it,
 * percent-decoded, under its name. Other segments match literally. Immutable.
 *
 * @param method   HTTP method in upper case
 * @param template path template starting with {@code /}
 * @param handler  what serves the route
 */
public record Route(String method, String template, RouteHandler handler) {

    public Route {
        method = method.toUpperCase(Locale.ROOT);
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route template must start with '/' (given '" + template + "')");
        }
    }

    /** Returns the route as an API Gateway route key, for example {@code POST /rank}. */
    public String key() {
        return method + " " + template;
    }

    /**
     * Matches a path against the template.
     *
     * @return the captured path parameters, or empty when the path does not fit the template
     * @throws InvalidRequestException when a captured segment has invalid percent-encoding
     */
    public Optional<Map<String, String>> match(String path) {
        String[] expected = segments(template);
        String[] actual = segments(path);
        if (expected.length != actual.length) {
            return Optional.empty();
        }

        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), decodeSegment(actual[i]));
            } else if (!segment.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static String[] segments(String path) {
        // Limit -1 keeps a trailing empty segment, so "/health/" does not match "/health".
        return path.substring(1).split("/", -1);
    }

    private static String decodeSegment(String segment) {
        try {
            // URLDecoder decodes form encoding, where '+' means space; in a path '+' is itself.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.invalid(List.of(new FieldViolation("path", segment,
                    "path segment '" + FieldViolation.abbreviate(segment) + "' has invalid percent-encoding",
                    "percent-encode reserved characters as %XX with two hex digits")));
        }
    }
}
