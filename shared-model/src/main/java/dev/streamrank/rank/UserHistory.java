package dev.streamrank.rank;

import dev.streamrank.event.EventTypes;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a user's recent interactions the baseline uses.
 *
 * @param consumed  every item the user interacted with, whatever the event type
 * @param positives the most recent distinct items with non-negative feedback, most recent first,
 *                  each with its recency weight in (0, 1]
 */
record UserHistory(Set<String> consumed, Map<String, Double> positives) {

    /**
     * Reads a user's state.
     *
     * <p>An event counts as positive when its type's weight is at least 0. A recent entry does not
     * keep the rating value, so a low rating counts as positive here although the featurizer scores
     * it as negative feedback. Entries of types no longer registered count as consumed but not as
     * positive.
     */
    static UserHistory of(UserState user, EventTypes types, int window, double halfLifePositions) {
        Set<String> consumed = new HashSet<>();
        Map<String, Double> positives = new LinkedHashMap<>();
        List<RecentInteraction> recent = new ArrayList<>(user.recent());

        for (int i = recent.size() - 1; i >= 0; i--) {
            RecentInteraction entry = recent.get(i);
            consumed.add(entry.itemId());

            boolean positive = types.contains(entry.type()) && types.weight(entry.type()) >= 0;
            if (positive && positives.size() < window && !positives.containsKey(entry.itemId())) {
                int position = positives.size();
                positives.put(entry.itemId(), Math.pow(2, -position / halfLifePositions));
            }
        }
        return new UserHistory(consumed, positives);
    }
}
