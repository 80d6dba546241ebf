package dev.streamrank.rank;

import dev.streamrank.feature.Heat;
import dev.streamrank.state.ItemState;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable snapshot of the item table, indexed for scoring. Thread-safe.
 *
 * <p>Items are numbered 0..size-1 in item id order, so every iteration over the catalog is
 * deterministic. Built once per snapshot, it precomputes:
 * <ul>
 *   <li>popularity in [0, 1]: 2^(logScore - max logScore) over the catalog, so the hottest item
 *       scores 1 and an item without heat scores 0;</li>
 *   <li>transition probabilities P(i | j): how often users consumed i shortly after j, divided by
 *       how often anything followed j. The counts come from each item's bounded {@code precededBy}
 *       map, so the denominators miss the weakest pairs and the values are estimates.</li>
 * </ul>
 * Negative, NaN or infinite counts and heat values are ignored at construction, so no NaN reaches
 * a score.
 */
public final class Catalog {

    private final ItemState[] items;
    private final Map<String, Integer> indexById;
    private final double[] popularity;
    private final Map<String, Transitions> transitionsFrom;
    private final Map<String, Double> followerTotals;

    private Catalog(ItemState[] items, double[] popularity, Map<String, Transitions> transitionsFrom,
            Map<String, Double> followerTotals) {
        this.items = items;
        this.popularity = popularity;
        this.transitionsFrom = transitionsFrom;
        this.followerTotals = followerTotals;
        this.indexById = new HashMap<>(items.length * 2);
        for (int i = 0; i < items.length; i++) {
            indexById.put(items[i].itemId(), i);
        }
    }

    /**
     * Builds a snapshot.
     *
     * @param states       the items; a repeated item id keeps the last state
     * @param heatHalfLife the half-life the heat values were computed with
     */
    public static Catalog of(Collection<ItemState> states, Duration heatHalfLife) {
        Map<String, ItemState> unique = new HashMap<>();
        for (ItemState state : states) {
            unique.put(state.itemId(), state);
        }
        ItemState[] items = unique.values().toArray(new ItemState[0]);
        Arrays.sort(items, Comparator.comparing(ItemState::itemId));

        double[] popularity = popularity(items, heatHalfLife.toMillis());

        // One pass over every (j, i, count) entry into primitive arrays, because the request that finds
        // the snapshot due pays for the reload.
        Map<String, Followers> followersOf = new HashMap<>();
        for (int i = 0; i < items.length; i++) {
            for (Map.Entry<String, Double> entry : items[i].precededBy().entrySet()) {
                if (isUsableCount(entry.getValue())) {
                    followersOf.computeIfAbsent(entry.getKey(), key -> new Followers()).add(i, entry.getValue());
                }
            }
        }

        Map<String, Transitions> transitionsFrom = new HashMap<>(followersOf.size() * 2);
        Map<String, Double> followerTotals = new HashMap<>(followersOf.size() * 2);
        followersOf.forEach((previous, followers) -> {
            transitionsFrom.put(previous, followers.toTransitions());
            followerTotals.put(previous, followers.total);
        });

        return new Catalog(items, popularity, transitionsFrom, followerTotals);
    }

    public int size() {
        return items.length;
    }

    public boolean contains(String itemId) {
        return indexById.containsKey(itemId);
    }

    /** Returns the index of an item, or -1 when the catalog does not contain it. */
    public int indexOf(String itemId) {
        Integer index = indexById.get(itemId);
        return index == null ? -1 : index;
    }

    public ItemState item(int index) {
        return items[index];
    }

    /** Returns the popularity of the item at {@code index}, in [0, 1]. */
    public double popularity(int index) {
        return popularity[index];
    }

    /**
     * Returns P(i | j) for the item at {@code index} as i and {@code previousItemId} as j: 0 when
     * users never consumed i shortly after j.
     */
    public double transitionProbability(String previousItemId, int index) {
        Double count = items[index].precededBy().get(previousItemId);
        Double total = followerTotals.get(previousItemId);
        if (!isUsableCount(count) || total == null) {
            return 0;
        }
        return count / total;
    }

    /** Returns the items users consumed shortly after {@code previousItemId}, with P(i | j); never null. */
    public Transitions transitionsFrom(String previousItemId) {
        return transitionsFrom.getOrDefault(previousItemId, Transitions.NONE);
    }

    /**
     * The items that followed one item, as parallel arrays.
     *
     * @param next        catalog indexes of the following items
     * @param probability P(next | previous) for each entry, in (0, 1]
     */
    public record Transitions(int[] next, double[] probability) {

        static final Transitions NONE = new Transitions(new int[0], new double[0]);
    }

    /** The items that followed one item, with their counts, collected in growable arrays. */
    private static final class Followers {

        private int[] next = new int[4];
        private double[] counts = new double[4];
        private int size;
        private double total;

        void add(int index, double count) {
            if (size == next.length) {
                next = Arrays.copyOf(next, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            next[size] = index;
            counts[size] = count;
            size++;
            total += count;
        }

        Transitions toTransitions() {
            double[] probability = new double[size];
            for (int n = 0; n < size; n++) {
                probability[n] = counts[n] / total;
            }
            return new Transitions(Arrays.copyOf(next, size), probability);
        }
    }

    private static double[] popularity(ItemState[] items, long halfLifeMs) {
        double[] logScores = new double[items.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < items.length; i++) {
            double heat = items[i].heat();
            logScores[i] = Double.isFinite(heat) && heat > 0
                    ? Heat.logScore(heat, items[i].heatAtMillis(), halfLifeMs)
                    : Double.NEGATIVE_INFINITY;
            if (Double.isFinite(logScores[i])) {
                max = Math.max(max, logScores[i]);
            }
        }

        double[] popularity = new double[items.length];
        if (max == Double.NEGATIVE_INFINITY) {
            return popularity;
        }
        for (int i = 0; i < items.length; i++) {
            popularity[i] = Double.isFinite(logScores[i]) ? Math.pow(2, logScores[i] - max) : 0;
        }
        return popularity;
    }

    private static boolean isUsableCount(Double count) {
        return count != null && Double.isFinite(count) && count > 0;
    }
}
