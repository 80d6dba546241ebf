package dev.streamrank.functions.http;

/**
 * The kinds of error the HTTP API returns, each with its status and a stable type URI.
 *
 * <p>Type URIs are URNs ({@code urn:streamrank:problem:<slug>}): RFC 9457 allows a type that is
 * not dereferenceable, and clients match on the URI, never on the title or detail text.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", 400, "Malformed request"),
    INVALID_REQUEST("invalid-request", 400, "Invalid request"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", 503, "Dependency unavailable");

    private static final String URI_PREFIX = "urn:streamrank:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    /** Returns the {@code type} member of a problem document. */
    public String uri() {
        return URI_PREFIX + slug;
    }

    public int status() {
        return status;
    }

    /** Short summary that stays the same for every occurrence of this type. */
    public String title() {
        return title;
    }
}
