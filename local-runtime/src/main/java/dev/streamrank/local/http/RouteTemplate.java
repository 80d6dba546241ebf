package dev.streamrank.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway route key such as {@code GET /users/{userId}/recommendations}: a method and a
 * path whose {@code {name}} segments capture one path segment each. {@code $default} matches any
 * request. Immutable.
 */
public final class RouteTemplate {

    /** API Gateway's catch-all route key. */
    public static final String DEFAULT = "$default";

    private final String key;
    private final String method;
    private final List<String> segments;

    private RouteTemplate(String key, String method, List<String> segments) {
        this.key = key;
        this.method = method;
        this.segments = segments;
    }

    /**
     * Parses a route key.
     *
     * @throws IllegalArgumentException when the key is not {@code $default} or "METHOD /path"
     */
    public static RouteTemplate parse(String routeKey) {
        if (DEFAULT.equals(routeKey)) {
            return new RouteTemplate(routeKey, null, null);
        }
        int space = routeKey == null ? -1 : routeKey.indexOf(' ');
        if (space <= 0 || !routeKey.startsWith("/", space + 1)) {
            throw new IllegalArgumentException("invalid route key '" + routeKey
                    + "': expected \"METHOD /path\" such as \"GET /users/{userId}\", or \"$default\"");
        }
        String method = routeKey.substring(0, space);
        List<String> segments = List.of(routeKey.substring(space + 2).split("/", -1));
        return new RouteTemplate(routeKey, method, segments);
    }

    public String key() {
        return key;
    }

    public boolean isDefault() {
        return method == null;
    }

    public String method() {
        return method;
    }

    /**
     * Matches a raw (still percent-encoded) path. Returns the decoded path parameters, empty when
     * the path does not fit the template; the method is not checked here.
     */
    public Optional<Map<String, String>> match(String rawPath) {
        if (isDefault()) {
            return Optional.of(Map.of());
        }
        String[] parts = rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), decodePathSegment(parts[i]));
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /**
     * Decodes %XX escapes as UTF-8. Unlike form decoding, '+' stays a plus sign in a path; a
     * malformed escape leaves the segment as it was sent.
     */
    static String decodePathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
