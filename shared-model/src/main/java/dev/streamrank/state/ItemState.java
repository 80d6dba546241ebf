package dev.streamrank.state;

import java.util.List;
import java.util.Map;

/**
 * Everything the system keeps per item, stored as one DynamoDB item keyed by {@code itemId}.
 *
 * @param itemId            the item
 * @param heat              decayed popularity as of {@code heatAtMillis}; see {@code dev.streamrank.feature.Heat}
 * @param heatAtMillis      event time the heat value refers to, epoch milliseconds
 * @param counters          event count per event type
 * @param lastInteractionMillis latest event time seen, epoch milliseconds; 0 when never
 * @param title             catalog title; null when no catalog was imported
 * @param genres            catalog genres or categories; empty when none
 * @param precededBy        co-occurrence: for each item j, how often users consumed this item
 *                          shortly after j; bounded to the strongest entries
 * @param revision          incremented on every write, for optimistic concurrency; 0 means new
 */
public record ItemState(
        String itemId,
        double heat,
        long heatAtMillis,
        Map<String, Long> counters,
        long lastInteractionMillis,
        String title,
        List<String> genres,
        Map<String, Double> precededBy,
        long revision) {

    public ItemState {
        counters = Map.copyOf(counters);
        genres = List.copyOf(genres);
        precededBy = Map.copyOf(precededBy);
    }

    public static ItemState empty(String itemId) {
        return new ItemState(itemId, 0, 0, Map.of(), 0, null, List.of(), Map.of(), 0);
    }

    public boolean isNew() {
        return revision == 0;
    }

    public long totalInteractions() {
        return counters.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Returns a copy with catalog metadata set, leaving counters and heat alone. */
    public ItemState withCatalog(String newTitle, List<String> newGenres) {
        return new ItemState(itemId, heat, heatAtMillis, counters, lastInteractionMillis, newTitle, newGenres,
                precededBy, revision);
    }
}
