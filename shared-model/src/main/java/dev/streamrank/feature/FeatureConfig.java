package dev.streamrank.feature;

import dev.streamrank.event.EventTypes;
import java.time.Duration;

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

    public FeatureConfig withHistoryLength(int length) {
        return new FeatureConfig(eventTypes, length, heatHalfLife, cooccurrenceWindow, maxNeighbors,
                ratingNeutral, dedupeTtl);
    }

    public FeatureConfig withEventTypes(EventTypes types) {
        return new FeatureConfig(types, historyLength, heatHalfLife, cooccurrenceWindow, maxNeighbors,
                ratingNeutral, dedupeTtl);
    }
}
