package dev.streamrank.local.kinesis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: retry n waits between half and all of
 * {@code min(max, initial * 2^(n-1))}.
 *
 * @param initial wait before the first retry
 * @param max     cap on any single wait
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        if (initial == null || initial.isNegative()) {
            throw new IllegalArgumentException("initial backoff must not be negative (given " + initial + ")");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must be at least the initial backoff " + initial
                    + " (given " + max + ")");
        }
    }

    /** Returns the wait before retry number {@code attempt}, counted from 1. */
    public Duration delay(int attempt) {
        long capMillis = max.toMillis();
        long baseMillis = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long ceiling = Math.min(capMillis, baseMillis);
        if (ceiling <= 1) {
            return Duration.ofMillis(ceiling);
        }
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
