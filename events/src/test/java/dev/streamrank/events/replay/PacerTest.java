package dev.streamrank.events.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacing schedule against a hand-driven clock, so no test sleeps. */
class PacerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    private final AtomicLong clock = new AtomicLong(7 * SECOND);

    @Test
    void sendsAtOnceWithoutPacing() {
        Pacer pacer = new Pacer(0, 0, Duration.ofSeconds(10), clock::get);

        assertFalse(pacer.isPaced());
        assertEquals(0, pacer.delayNanos(T0));
        assertEquals(0, pacer.delayNanos(T0.plusSeconds(3600)));
    }

    @Test
    void spacesRecordsByRate() {
        Pacer pacer = new Pacer(4, 0, Duration.ofSeconds(10), clock::get);

        assertEquals(0, pacer.delayNanos(T0));
        assertEquals(SECOND / 4, pacer.delayNanos(T0));
        assertEquals(SECOND / 2, pacer.delayNanos(T0));
        clock.addAndGet(SECOND);
        assertEquals(0, pacer.delayNanos(T0), "the fourth record was due at 0.75 s and it is now 1 s");
    }

    @Test
    void compressesTimestampGapsBySpeed() {
        Pacer pacer = new Pacer(0, 60, Duration.ofSeconds(10), clock::get);

        assertEquals(0, pacer.delayNanos(T0));
        assertEquals(SECOND, pacer.delayNanos(T0.plusSeconds(60)), "one minute of history at 60x");
        assertEquals(3 * SECOND, pacer.delayNanos(T0.plusSeconds(180)));
    }

    @Test
    void capsSingleGapAtMaxGap() {
        Pacer pacer = new Pacer(0, 60, Duration.ofSeconds(2), clock::get);

        pacer.delayNanos(T0);
        long afterAQuietWeek = pacer.delayNanos(T0.plus(Duration.ofDays(7)));
        long nextMinute = pacer.delayNanos(T0.plus(Duration.ofDays(7)).plusSeconds(60));

        assertEquals(2 * SECOND, afterAQuietWeek);
        assertEquals(3 * SECOND, nextMinute);
    }

    @Test
    void countsBackwardGapAsZero() {
        Pacer pacer = new Pacer(0, 1, Duration.ofSeconds(10), clock::get);

        pacer.delayNanos(T0);

        assertEquals(0, pacer.delayNanos(T0.minusSeconds(5)));
    }

    @Test
    void appliesTheLaterOfRateAndSpeed() {
        Pacer pacer = new Pacer(1, 1000, Duration.ofSeconds(10), clock::get);

        pacer.delayNanos(T0);

        assertEquals(SECOND, pacer.delayNanos(T0.plusSeconds(1)), "rate allows one per second");
        assertEquals(5 * SECOND + SECOND / 1000, pacer.delayNanos(T0.plusSeconds(5001)),
                "speed: 1 s then 5000 s of history at 1000x is 5.001 s, later than the rate's 2 s");
    }
}
