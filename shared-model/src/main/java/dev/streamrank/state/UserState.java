package dev.streamrank.state;

import java.util.List;
import java.util.Map;

/**
 * Everything the system keeps per user, stored as one DynamoDB item keyed by {@code userId}.
 *
 * @param userId            the user
 * @param recent            the last interactions in event-time order, oldest first, at most the
 *                          configured history length; ties in time keep arrival order
 * @param counters          event count per event type, over the user's whole life
 * @param firstSeenMillis   earliest event time seen, epoch milliseconds
 * @param lastSeenMillis    latest event time seen, epoch milliseconds
 * @param onlineVector      online adjustment to the model's user vector; empty when none
 * @param onlineModelVersion the model version {@code onlineVector} belongs to; null when none
 * @param revision          incremented on every write; writers use it for optimistic concurrency,
 *                          and 0 means the item does not exist yet
 */
public record UserState(
        String userId,
        List<RecentInteraction> recent,
        Map<String, Long> counters,
        long firstSeenMillis,
        long lastSeenMillis,
        float[] onlineVector,
        String onlineModelVersion,
        long revision) {

    public UserState {
        recent = List.copyOf(recent);
        counters = Map.copyOf(counters);
        onlineVector = onlineVector == null ? new float[0] : onlineVector;
    }

    /** Returns the state of a user never seen before. */
    public static UserState empty(String userId) {
        return new UserState(userId, List.of(), Map.of(), 0, 0, new float[0], null, 0);
    }

    public boolean isNew() {
        return revision == 0;
    }

    public long totalInteractions() {
        return counters.values().stream().mapToLong(Long::longValue).sum();
    }
}
