package dev.streamrank.feature;

import dev.streamrank.state.ItemState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies the accepted events of one item to that item's state. Pure: no I/O, no clock.
 *
 * <p>Counters and heat take every event. Co-occurrence ({@code precededBy}) takes only positive
 * feedback, and keeps the strongest {@code maxNeighbors} entries so the item stays far below
 * DynamoDB's 400 KB item limit.
 */
public final class ItemStateUpdater {

    private final FeatureConfig config;

    public ItemStateUpdater(FeatureConfig config) {
        this.config = config;
    }

    public ItemState apply(ItemState current, List<UserUpdate.AppliedEvent> events) {
        Map<String, Long> counters = new HashMap<>(current.counters());
        Map<String, Double> precededBy = new HashMap<>(current.precededBy());
        double heat = current.heat();
        long heatAt = current.heatAtMillis();
        long lastInteraction = current.lastInteractionMillis();
        long halfLifeMs = config.heatHalfLife().toMillis();

        for (UserUpdate.AppliedEvent applied : events) {
            if (!applied.event().itemId().equals(current.itemId())) {
                throw new IllegalArgumentException("event " + applied.event().eventId() + " is for item '"
                        + applied.event().itemId() + "', not '" + current.itemId() + "'");
            }
            long eventAt = applied.event().timestampMillis();

            counters.merge(applied.event().type(), 1L, Long::sum);
            lastInteraction = Math.max(lastInteraction, eventAt);

            double[] next = Heat.add(heat, heatAt, Signals.attention(applied.event(), config), eventAt, halfLifeMs);
            heat = next[0];
            heatAt = (long) next[1];

            if (applied.signal() >= 0) {
                for (String neighbor : applied.preceding()) {
                    precededBy.merge(neighbor, 1.0, Double::sum);
                }
            }
        }

        return new ItemState(current.itemId(), heat, heatAt, counters, lastInteraction, current.title(),
                current.genres(), strongest(precededBy), current.revision());
    }

    private Map<String, Double> strongest(Map<String, Double> neighbors) {
        if (neighbors.size() <= config.maxNeighbors()) {
            return neighbors;
        }
        // Ties broken by id so the kept set does not depend on hash order.
        return neighbors.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(config.maxNeighbors())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
