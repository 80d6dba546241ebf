package dev.streamrank.local.kinesis;

import java.time.Duration;

/**
 * The event source mapping options a {@link KinesisPoller} honours. Defaults follow Lambda where
 * Lambda has one, except {@code maximumRetryAttempts}: Lambda retries forever by default, which
 * would stall a local shard behind one poison batch.
 *
 * @param startingPosition     where each shard is read from at start
 * @param batchSize            most records per invocation, 1 to 10,000 (Lambda default 100)
 * @param batchingWindow       how long to gather records before invoking with a partial batch,
 *                             0 to 300 s (Lambda default 0: invoke as soon as records arrive)
 * @param maximumRetryAttempts retries of a failed batch before it goes to the on-failure
 *                             destination, 0 to 10,000, or -1 to retry until it succeeds
 * @param pollInterval         pause after a read that returned no records
 * @param retryBackoff         wait between retries of a failed batch
 * @param throttleBackoff      wait after a throttled or failed GetRecords call
 * @param onFailure            where a batch goes after its last retry
 */
public record PollerSettings(
        StartingPosition startingPosition,
        int batchSize,
        Duration batchingWindow,
        int maximumRetryAttempts,
        Duration pollInterval,
        RetryBackoff retryBackoff,
        RetryBackoff throttleBackoff,
        OnFailureDestination onFailure) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);
    public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 5;
    public static final int MAX_RETRY_ATTEMPTS = 10_000;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

    public PollerSettings {
        if (startingPosition == null) {
            throw new IllegalArgumentException("startingPosition is required (TRIM_HORIZON or LATEST)");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE
                    + " (given " + batchSize + ")");
        }
        if (batchingWindow == null || batchingWindow.isNegative() || batchingWindow.compareTo(MAX_BATCHING_WINDOW) > 0) {
            throw new IllegalArgumentException("batchingWindow must be between 0 and " + MAX_BATCHING_WINDOW.toSeconds()
                    + " s (given " + batchingWindow + ")");
        }
        if (maximumRetryAttempts < -1 || maximumRetryAttempts > MAX_RETRY_ATTEMPTS) {
            throw new IllegalArgumentException("maximumRetryAttempts must be -1 (retry forever) or between 0 and "
                    + MAX_RETRY_ATTEMPTS + " (given " + maximumRetryAttempts + ")");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive (given " + pollInterval + ")");
        }
        if (retryBackoff == null || throttleBackoff == null) {
            throw new IllegalArgumentException("retryBackoff and throttleBackoff are required");
        }
        if (onFailure == null) {
            throw new IllegalArgumentException("onFailure is required; use OnFailureDestination.none() to only log");
        }
    }

    /** Settings with every default: TRIM_HORIZON, 100 records, no window, 5 retries, 200 ms polls. */
    public static PollerSettings defaults() {
        return new PollerSettings(StartingPosition.TRIM_HORIZON, DEFAULT_BATCH_SIZE, Duration.ZERO,
                DEFAULT_MAXIMUM_RETRY_ATTEMPTS, DEFAULT_POLL_INTERVAL,
                new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5)),
                new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)),
                OnFailureDestination.none());
    }

    public PollerSettings withStartingPosition(StartingPosition value) {
        return new PollerSettings(value, batchSize, batchingWindow, maximumRetryAttempts, pollInterval, retryBackoff,
                throttleBackoff, onFailure);
    }

    public PollerSettings withBatchSize(int value) {
        return new PollerSettings(startingPosition, value, batchingWindow, maximumRetryAttempts, pollInterval,
                retryBackoff, throttleBackoff, onFailure);
    }

    public PollerSettings withBatchingWindow(Duration value) {
        return new PollerSettings(startingPosition, batchSize, value, maximumRetryAttempts, pollInterval,
                retryBackoff, throttleBackoff, onFailure);
    }

    public PollerSettings withMaximumRetryAttempts(int value) {
        return new PollerSettings(startingPosition, batchSize, batchingWindow, value, pollInterval, retryBackoff,
                throttleBackoff, onFailure);
    }

    public PollerSettings withPollInterval(Duration value) {
        return new PollerSettings(startingPosition, batchSize, batchingWindow, maximumRetryAttempts, value,
                retryBackoff, throttleBackoff, onFailure);
    }

    public PollerSettings withRetryBackoff(RetryBackoff value) {
        return new PollerSettings(startingPosition, batchSize, batchingWindow, maximumRetryAttempts, pollInterval,
                value, throttleBackoff, onFailure);
    }

    public PollerSettings withOnFailure(OnFailureDestination value) {
        return new PollerSettings(startingPosition, batchSize, batchingWindow, maximumRetryAttempts, pollInterval,
                retryBackoff, throttleBackoff, value);
    }

    /** Returns whether a batch that failed {@code retriesSoFar} retries may be retried once more. */
    boolean mayRetry(int retriesSoFar) {
        return maximumRetryAttempts == -1 || retriesSoFar < maximumRetryAttempts;
    }
}
