package dev.streamrank.events.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Decides when each event may be sent, from a records-per-second limit, a time-compressed replay of
 * the events' own timestamps, both (the later time wins), or neither (send at once).
 *
 * <p>In replay mode the wait between two events is their timestamp gap divided by the speed factor,
 * capped at {@code maxGap}, so a year of history with quiet months still replays in bounded time.
 * Events must come in timestamp order; a gap backwards in time counts as zero. Not thread-safe.
 */
final class Pacer {

    private final double rate;
    private final double speed;
    private final long maxGapNanos;
    private final LongSupplier nanoClock;

    private long startNanos;
    private long count;
    private long speedScheduleNanos;
    private Instant previousTimestamp;

    /**
     * @param rate      records per second, or 0 for no limit
     * @param speed     replay speed factor (60 = one hour of history per minute), or 0 for no replay pacing
     * @param maxGap    the longest single wait in replay mode
     * @param nanoClock monotonic clock in nanoseconds, normally {@code System::nanoTime}
     */
    Pacer(double rate, double speed, Duration maxGap, LongSupplier nanoClock) {
        this.rate = rate;
        this.speed = speed;
        this.maxGapNanos = maxGap.toNanos();
        this.nanoClock = nanoClock;
    }

    boolean isPaced() {
        return rate > 0 || speed > 0;
    }

    /** Schedules the next event and returns how many nanoseconds to wait before sending it (0 or more). */
    long delayNanos(Instant timestamp) {
        if (!isPaced()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (count == 0) {
            startNanos = now;
        }

        long due = startNanos;
        if (rate > 0) {
            due = startNanos + (long) (count * 1e9 / rate);
        }
        if (speed > 0) {
            if (previousTimestamp != null) {
                long gapNanos = Math.max(0, Duration.between(previousTimestamp, timestamp).toNanos());
                speedScheduleNanos += Math.min((long) (gapNanos / speed), maxGapNanos);
            }
            previousTimestamp = timestamp;
            due = Math.max(due, startNanos + speedScheduleNanos);
        }

        count++;
        return Math.max(0, due - now);
    }
}
