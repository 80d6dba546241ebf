package dev.streamrank.feature;

import dev.streamrank.event.Interaction;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one user's new events to that user's state. Pure: no I/O, no clock.
 *
 * <p>Events are inserted in event-time order, so late events land where they belong; among equal
 * times, arrival order wins. Events whose id is already in the recent sequence are counted as
 * duplicates and change nothing, which makes re-applying a retried batch harmless within the
 * history length.
 */
public final class UserStateUpdater {

    private final FeatureConfig config;

    public UserStateUpdater(FeatureConfig config) {
        this.config = config;
    }

    /**
     * Applies events of one user.
     *
     * @param current the stored state, or {@link UserState#empty} for a new user
     * @param events  that user's events in arrival order; all must carry {@code current.userId()}
     */
    public UserUpdate apply(UserState current, List<Interaction> events) {
        List<RecentInteraction> sequence = new ArrayList<>(current.recent());
        Set<String> seenIds = new HashSet<>();
        for (RecentInteraction entry : sequence) {
            seenIds.add(entry.eventId());
        }

        Map<String, Long> counters = new HashMap<>(current.counters());
        long firstSeen = current.firstSeenMillis();
        long lastSeen = current.lastSeenMillis();
        List<UserUpdate.AppliedEvent> applied = new ArrayList<>();
        List<Interaction> duplicates = new ArrayList<>();

        for (Interaction event : events) {
            if (!event.userId().equals(current.userId())) {
                throw new IllegalArgumentException("event " + event.eventId() + " belongs to user '"
                        + event.userId() + "', not '" + current.userId() + "'");
            }
            if (!seenIds.add(event.eventId())) {
                duplicates.add(event);
                continue;
            }

            int position = insertionPoint(sequence, event.timestampMillis());
            List<String> preceding = preceding(sequence, position, event.itemId());
            sequence.add(position, new RecentInteraction(event.eventId(), event.itemId(), event.type(),
                    event.timestampMillis()));

            counters.merge(event.type(), 1L, Long::sum);
            firstSeen = firstSeen == 0 ? event.timestampMillis() : Math.min(firstSeen, event.timestampMillis());
            lastSeen = Math.max(lastSeen, event.timestampMillis());
            applied.add(new UserUpdate.AppliedEvent(event, Signals.signal(event, config), preceding));
        }

        // The oldest entries fall off; their ids may then be re-applied by a very late retry, which
        // the dedupe table catches instead.
        if (sequence.size() > config.historyLength()) {
            sequence = new ArrayList<>(sequence.subList(sequence.size() - config.historyLength(), sequence.size()));
        }

        UserState next = new UserState(current.userId(), sequence, counters, firstSeen, lastSeen,
                current.onlineVector(), current.onlineModelVersion(), current.revision());
        return new UserUpdate(next, applied, duplicates);
    }

    /**
     * Treats a stored type that the configuration no longer registers as not positive, because failing
     * instead would reject every future event of that user.
     */
    private boolean isPositiveType(String type) {
        return config.eventTypes().contains(type) && config.eventTypes().weight(type) >= 0;
    }

    /** Returns the index after the last entry with time at or before {@code time} (stable for ties). */
    private static int insertionPoint(List<RecentInteraction> sequence, long time) {
        int low = 0;
        int high = sequence.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sequence.get(mid).timestampMillis() <= time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Returns the preceding items of an event already in the state's recent sequence, by the same rule
     * as {@link UserUpdate.AppliedEvent#preceding()}, so an event applied by an earlier attempt can be
     * featurized again. Empty when the event is not in the sequence (never applied, or fallen off).
     */
    public List<String> precedingOf(UserState state, String eventId) {
        List<RecentInteraction> sequence = state.recent();
        for (int position = 0; position < sequence.size(); position++) {
            if (sequence.get(position).eventId().equals(eventId)) {
                return preceding(sequence, position, sequence.get(position).itemId());
            }
        }
        return List.of();
    }

    private List<String> preceding(List<RecentInteraction> sequence, int position, String itemId) {
        LinkedHashSet<String> items = new LinkedHashSet<>();
        for (int i = position - 1; i >= 0 && items.size() < config.cooccurrenceWindow(); i--) {
            RecentInteraction entry = sequence.get(i);
            if (!entry.itemId().equals(itemId) && isPositiveType(entry.type())) {
                items.add(entry.itemId());
            }
        }
        return List.copyOf(items);
    }
}
