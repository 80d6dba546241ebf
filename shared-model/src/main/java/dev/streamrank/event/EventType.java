package dev.streamrank.event;

/**
 * Built-in interaction kinds, each with the weight of the signal it carries.
 *
 * <p>The set is closed in code but open through {@link EventTypes}: a deployment may register
 * more types by configuration. An unknown type is always rejected, never silently accepted.
 */
public enum EventType {
    VIEW("view", 1.0),
    CLICK("click", 2.0),
    ADD_TO_CART("add_to_cart", 3.0),
    PURCHASE("purchase", 5.0),
    RATING("rating", 3.0),
    SKIP("skip", -1.0),
    DISLIKE("dislike", -3.0);

    private final String wireName;
    private final double defaultWeight;

    EventType(String wireName, double defaultWeight) {
        this.wireName = wireName;
        this.defaultWeight = defaultWeight;
    }

    /** Returns the name used in event JSON, for example {@code add_to_cart}. */
    public String wireName() {
        return wireName;
    }

    /** Signal strength used for popularity and co-occurrence; negative for negative feedback. */
    public double defaultWeight() {
        return defaultWeight;
    }
}
