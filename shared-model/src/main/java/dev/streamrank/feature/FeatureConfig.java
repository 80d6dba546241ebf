package dev.streamrank.feature;

import dev.streamrank.event.EventTypes;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of featurization and state keeping. Defaults are stated once, in {@link #defaults()}.
 *
 * @param eventTypes          accepted event types and their weights
 * @param historyLength       how many recent interactions a user's state keeps
 * @param heatHalfLife        half-life of an item's decayed popularity, in event time
 * @param cooccurrenceWindow  how many preceding items of the same user pair with a new event
 * @param maxNeighbors        how many co-occurrence entries an item keeps (the strongest ones)
 * @param ratingNeutral       ratings below this are negative feedback, at or above it positive
 * @param dedupeTtl           how long an event id is remembered for de-duplication
 */
public record FeatureConfig(
        EventTypes eventTypes,
        int historyLength,
        Duration heatHalfLife,
        int cooccurrenceWindow,
        int maxNeighbors,
        double ratingNeutral,
        Duration dedupeTtl) {

    public FeatureConfig {
        if (historyLength < 1) {
            throw new IllegalArgumentException("historyLength must be at least 1 (given " + historyLength + ")");
        }
        if (heatHalfLife.isZero() || heatHalfLife.isNegative()) {
            throw new IllegalArgumentException("heatHalfLife must be positive (given " + heatHalfLife + ")");
        }
        if (cooccurrenceWindow < 0) {
            throw new IllegalArgumentException("cooccurrenceWindow must not be negative (given "
                    + cooccurrenceWindow + ")");
        }
        if (maxNeighbors < 1) {
            throw new IllegalArgumentException("maxNeighbors must be at least 1 (given " + maxNeighbors + ")");
        }
        if (dedupeTtl.isNegative() || dedupeTtl.isZero()) {
            throw new IllegalArgumentException("dedupeTtl must be positive (given " + dedupeTtl + ")");
        }
    }

    public static FeatureConfig defaults() {
        return new FeatureConfig(EventTypes.defaults(), 200, Duration.ofDays(7), 10, 100, 3.0,
                Duration.ofDays(7));
    }

    /**
     * Reads the settings from environment-style variables; an absent variable keeps its default.
     * Variables: STREAMRANK_EVENT_TYPES (extra {@code name:weight} pairs), STREAMRANK_HISTORY_LENGTH,
     * STREAMRANK_HEAT_HALF_LIFE_HOURS, STREAMRANK_COOCCURRENCE_WINDOW, STREAMRANK_MAX_NEIGHBORS,
     * STREAMRANK_RATING_NEUTRAL, STREAMRANK_DEDUPE_TTL_HOURS.
     *
     * @throws IllegalArgumentException naming the variable and its value when one is not a number
     */
    public static FeatureConfig fromMap(Map<String, String> env) {
        FeatureConfig defaults = defaults();
        return new FeatureConfig(
                EventTypes.parse(env.get("STREAMRANK_EVENT_TYPES")),
                integer(env, "STREAMRANK_HISTORY_LENGTH", defaults.historyLength()),
                Duration.ofMillis((long) (number(env, "STREAMRANK_HEAT_HALF_LIFE_HOURS",
                        defaults.heatHalfLife().toHours()) * 3_600_000L)),
                integer(env, "STREAMRANK_COOCCURRENCE_WINDOW", defaults.cooccurrenceWindow()),
                integer(env, "STREAMRANK_MAX_NEIGHBORS", defaults.maxNeighbors()),
                number(env, "STREAMRANK_RATING_NEUTRAL", defaults.ratingNeutral()),
                Duration.ofMillis((long) (number(env, "STREAMRANK_DEDUPE_TTL_HOURS",
                        defaults.dedupeTtl().toHours()) * 3_600_000L)));
    }

    /** Rejects fractions instead of truncating them, so 200.5 is an error rather than 200. */
    private static int integer(Map<String, String> env, String name, int fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + name + "='" + text + "': expected a whole number", e);
        }
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + name + "='" + text + "': expected a number", e);
        }
    }

    public FeatureConfig withHistoryLength(int length) {
        return new FeatureConfig(eventTypes, length, heatHalfLife, cooccurrenceWindow, maxNeighbors,
                ratingNeutral, dedupeTtl);
    }

    public FeatureConfig withEventTypes(EventTypes types) {
        return new FeatureConfig(types, historyLength, heatHalfLife, cooccurrenceWindow, maxNeighbors,
                ratingNeutral, dedupeTtl);
    }
}
