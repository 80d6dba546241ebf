package dev.streamrank.feature;

import dev.streamrank.event.EventType;
import dev.streamrank.event.Interaction;

/** Pure functions that turn an event into the numbers the state and the rankers use. */
public final class Signals {

    private Signals() {
    }

    /**
     * Returns the feedback signal of an event: the type's weight, and for ratings the weight scaled
     * by the distance from the neutral rating, so a 5-star rating is strong positive feedback and a
     * 1-star rating negative. Always finite.
     */
    public static double signal(Interaction event, FeatureConfig config) {
        double weight = config.eventTypes().weight(event.type());
        if (EventType.RATING.wireName().equals(event.type()) && event.value() != null) {
            return weight * (event.value() - config.ratingNeutral()) / Math.max(config.ratingNeutral(), 1.0);
        }
        return weight;
    }

    /** Returns true when the event is positive feedback (signal at or above zero). */
    public static boolean isPositive(Interaction event, FeatureConfig config) {
        return signal(event, config) >= 0;
    }

    /**
     * Returns how much an event adds to the item's heat: attention counts whatever its sign, so a
     * low rating still marks a watched item, but skips and dislikes (negative type weight) add none.
     */
    public static double attention(Interaction event, FeatureConfig config) {
        return Math.max(config.eventTypes().weight(event.type()), 0.0);
    }
}
