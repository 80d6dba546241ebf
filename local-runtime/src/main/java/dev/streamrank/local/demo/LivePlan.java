package dev.streamrank.local.demo;

import dev.streamrank.event.Interaction;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live part of the demo: five-star ratings from one user on the most rated items of the
 * genre that user has watched least, sent through {@code POST /events}.
 *
 * @param userId the user
 * @param genre  the genre chosen
 * @param items  the items rated, most rated first
 * @param events the rating events, one per item
 */
record LivePlan(String userId, String genre, List<ItemState> items, List<Interaction> events) {

    /** MovieLens marks items without genres this way; it is not a genre to recommend. */
    private static final String NO_GENRE = "(no genres listed)";

    /**
     * Plans {@code count} ratings for {@code user}.
     *
     * @throws IllegalStateException when the catalog has no genre with enough rated items the user has not seen
     */
    static LivePlan forUser(UserState user, List<ItemState> catalog, int count, Instant now) {
        Map<String, ItemState> byId = new HashMap<>();
        catalog.forEach(item -> byId.put(item.itemId(), item));
        Set<String> seen = new HashSet<>();
        Map<String, Integer> watchedGenres = new HashMap<>();
        for (RecentInteraction interaction : user.recent()) {
            seen.add(interaction.itemId());
            ItemState item = byId.get(interaction.itemId());
            if (item != null) {
                item.genres().forEach(genre -> watchedGenres.merge(genre, 1, Integer::sum));
            }
        }

        Map<String, List<ItemState>> unseenByGenre = new HashMap<>();
        for (ItemState item : catalog) {
            if (seen.contains(item.itemId()) || item.totalInteractions() == 0) {
                continue;
            }
            for (String genre : item.genres()) {
                if (!genre.equals(NO_GENRE)) {
                    unseenByGenre.computeIfAbsent(genre, g -> new ArrayList<>()).add(item);
                }
            }
        }

        Comparator<ItemState> mostRated = Comparator.comparingLong(ItemState::totalInteractions).reversed()
                .thenComparing(ItemState::itemId);
        String genre = unseenByGenre.entrySet().stream()
                .filter(entry -> entry.getValue().size() >= count)
                .min(Comparator.<Map.Entry<String, List<ItemState>>>comparingInt(
                                entry -> watchedGenres.getOrDefault(entry.getKey(), 0))
                        .thenComparing(entry -> -entry.getValue().stream().mapToLong(ItemState::totalInteractions).sum())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no genre has " + count
                        + " rated items that user " + user.userId() + " has not seen"));

        List<ItemState> items = unseenByGenre.get(genre).stream().sorted(mostRated).limit(count).toList();
        List<Interaction> events = new ArrayList<>();
        for (ItemState item : items) {
            events.add(Interaction.of("demo-live-" + user.userId() + "-" + item.itemId() + "-" + now.toEpochMilli(),
                    user.userId(), item.itemId(), "rating", 5.0, now));
        }
        return new LivePlan(user.userId(), genre, items, events);
    }
}
