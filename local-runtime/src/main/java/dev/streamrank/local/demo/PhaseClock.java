package dev.streamrank.local.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seconds spent per demo phase, in the order the phases ran. Not thread-safe. */
final class PhaseClock {

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private String current;
    private long startedAt;

    /** Ends the running phase, if any, and starts {@code phase}. */
    void start(String phase) {
        stop();
        current = phase;
        startedAt = System.nanoTime();
    }

    void stop() {
        if (current == null) {
            return;
        }
        double elapsed = (System.nanoTime() - startedAt) / 1e9;
        seconds.merge(current, Math.round(elapsed * 1000) / 1000.0, Double::sum);
        current = null;
    }

    Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }
}
