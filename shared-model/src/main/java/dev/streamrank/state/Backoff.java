package dev.streamrank.state;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, capped at two seconds. */
public final class Backoff {

    private Backoff() {
    }

    /** Sleeps before retry number {@code attempt} (1-based). */
    public static void sleep(int attempt) {
        long cap = Math.min(2000L, 25L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
