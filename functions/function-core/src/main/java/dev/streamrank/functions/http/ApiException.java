package dev.streamrank.functions.http;

import java.util.List;
import java.util.Map;

/**
 * A request that ends in a problem response. The message is the problem's {@code detail}, so it
 * must name the value and the fix and must not contain internal details.
 *
 * <p>Subclasses tell the caller what to do next: {@link InvalidRequestException} (change the request)
 * and {@link DependencyFailureException} (retry later). Other statuses use this class directly.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldViolation> violations;
    private final Map<String, String> headers;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of(), null);
    }

    protected ApiException(ProblemType type, String detail, List<FieldViolation> violations,
            Map<String, String> headers, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    /** Returns a 405 problem whose {@code Allow} header lists the methods the path accepts. */
    public static ApiException methodNotAllowed(String method, String path, List<String> allowed) {
        String allow = String.join(", ", allowed);
        return new ApiException(ProblemType.METHOD_NOT_ALLOWED, "method " + method + " is not allowed on "
                + path + "; use " + allow, List.of(), Map.of("Allow", allow), null);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Extra response headers, such as {@code Allow} on a 405. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Returns the problem document for a request to {@code instance}. */
    public Problem toProblem(String instance) {
        return new Problem(type, getMessage(), instance, violations);
    }
}
