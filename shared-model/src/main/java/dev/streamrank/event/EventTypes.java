package dev.streamrank.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The registry of accepted event types and their weights.
 *
 * <p>Immutable and thread-safe. {@link #defaults()} holds the built-in types; {@link #parse(String)}
 * adds or re-weights types from a configuration string such as {@code "share:2.5,rating:4"}.
 */
public final class EventTypes {

    private final Map<String, Double> weights;

    private EventTypes(Map<String, Double> weights) {
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** Returns the built-in types with their default weights. */
    public static EventTypes defaults() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            weights.put(type.wireName(), type.defaultWeight());
        }
        return new EventTypes(weights);
    }

    /**
     * Parses extra types on top of the defaults.
     *
     * @param spec comma-separated {@code name:weight} pairs; blank or null means the defaults alone
     * @throws IllegalArgumentException naming the bad entry when a pair is malformed
     */
    public static EventTypes parse(String spec) {
        Map<String, Double> weights = new LinkedHashMap<>(defaults().weights);
        if (spec == null || spec.isBlank()) {
            return new EventTypes(weights);
        }

        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("invalid event type entry '" + trimmed
                        + "': expected name:weight, for example share:2.5");
            }

            String name = trimmed.substring(0, colon).trim();
            if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
                throw new IllegalArgumentException("invalid event type name '" + name
                        + "': use 1-32 lower-case letters, digits or underscores, starting with a letter");
            }

            double weight;
            try {
                weight = Double.parseDouble(trimmed.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid weight in event type entry '" + trimmed
                        + "': expected a number", e);
            }
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("invalid weight in event type entry '" + trimmed
                        + "': the weight must be finite");
            }
            weights.put(name, weight);
        }
        return new EventTypes(weights);
    }

    public boolean contains(String type) {
        return weights.containsKey(type);
    }

    /** Returns the weight of a registered type, or throws when the type is unknown. */
    public double weight(String type) {
        Double weight = weights.get(type);
        if (weight == null) {
            throw new IllegalArgumentException("unknown event type '" + type + "'; known types: " + names());
        }
        return weight;
    }

    /** Returns true for types that express negative feedback (weight below zero). */
    public boolean isNegative(String type) {
        return weight(type) < 0;
    }

    public Set<String> names() {
        return weights.keySet();
    }
}
