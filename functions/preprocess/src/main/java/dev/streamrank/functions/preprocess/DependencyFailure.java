package dev.streamrank.functions.preprocess;

/**
 * A DynamoDB, S3 or Kinesis call failed after the SDK's and this function's bounded retries
 * (throttling, a service error, a missing table or bucket). Retryable: the records it concerns are
 * reported in {@code batchItemFailures} so Lambda delivers them again.
 */
public final class DependencyFailure extends RuntimeException {

    public DependencyFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public DependencyFailure(String message) {
        super(message);
    }
}
