package dev.streamrank.functions.http;

import java.util.List;
import java.util.Map;

/**
 * A backing service (DynamoDB, Kinesis, S3) failed; the caller may retry the same request later.
 * Maps to 503. The cause stays in the logs, never in the response body.
 */
public final class DependencyFailureException extends ApiException {

    public DependencyFailureException(String detail, Throwable cause) {
        super(ProblemType.DEPENDENCY_UNAVAILABLE, detail, List.of(), Map.of("Retry-After", "1"), cause);
    }
}
