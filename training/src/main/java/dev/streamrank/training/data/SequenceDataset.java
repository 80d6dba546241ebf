package dev.streamrank.training.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interactions turned into per-user item-index sequences in time order.
 *
 * <p>Items get indices 1..N in order of first appearance in the input (index 0 is padding). A
 * user's events are sorted by timestamp; equal timestamps keep their arrival order (a stable
 * sort), never the item id order, because the input order is the only evidence of which came
 * first.
 *
 * @param itemIds        item id of index i at position i - 1
 * @param userIds        user ids in order of first appearance
 * @param sequences      item indices per user, parallel to {@code userIds}
 * @param firstTimestamp earliest event time, epoch milliseconds
 * @param lastTimestamp  latest event time, epoch milliseconds
 * @param interactions   number of interactions read
 */
public record SequenceDataset(
        List<String> itemIds,
        List<String> userIds,
        List<int[]> sequences,
        long firstTimestamp,
        long lastTimestamp,
        long interactions) {

    /** Builds the dataset from interactions in arrival order. */
    public static SequenceDataset of(List<TimedItem> interactions) {
        if (interactions.isEmpty()) {
            throw new IllegalArgumentException("no interactions to train on; the source was empty");
        }

        Map<String, Integer> itemIndex = new HashMap<>();
        List<String> itemIds = new ArrayList<>();
        Map<String, List<TimedItem>> byUser = new LinkedHashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TimedItem item : interactions) {
            itemIndex.computeIfAbsent(item.itemId(), id -> {
                itemIds.add(id);
                return itemIds.size();
            });
            byUser.computeIfAbsent(item.userId(), id -> new ArrayList<>()).add(item);
            first = Math.min(first, item.epochMillis());
            last = Math.max(last, item.epochMillis());
        }

        Comparator<TimedItem> timeOrder = Comparator.comparingLong(TimedItem::epochMillis)
                .thenComparingLong(TimedItem::arrival);
        List<String> userIds = new ArrayList<>(byUser.keySet());
        List<int[]> sequences = new ArrayList<>(userIds.size());
        for (List<TimedItem> events : byUser.values()) {
            events.sort(timeOrder);
            sequences.add(events.stream().mapToInt(event -> itemIndex.get(event.itemId())).toArray());
        }
        return new SequenceDataset(List.copyOf(itemIds), List.copyOf(userIds), sequences, first, last,
                interactions.size());
    }

    /** Returns the number of real items N; valid indices are 1..N. */
    public int itemCount() {
        return itemIds.size();
    }
}
