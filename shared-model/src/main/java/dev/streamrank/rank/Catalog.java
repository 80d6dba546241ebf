package dev.streamrank.rank;

import dev.streamrank.feature.Heat;
import dev.streamrank.state.ItemState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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

        Map<String, Double> followerTotals = new HashMap<>();
        for (ItemState item : items) {
            item.precededBy().forEach((previous, count) -> {
                if (isUsableCount(count)) {
                    followerTotals.merge(previous, count, Double::sum);
                }
            });
        }

        Map<String, TransitionsBuilder> builders = new HashMap<>();
        for (int i = 0; i < items.length; i++) {
            for (Map.Entry<String, Double> entry : items[i].precededBy().entrySet()) {
                if (isUsableCount(entry.getValue())) {
                    double probability = entry.getValue() / followerTotals.get(entry.getKey());
                    builders.computeIfAbsent(entry.getKey(), key -> new TransitionsBuilder()).add(i, probability);
                }
            }
        }
        Map<String, Transitions> transitionsFrom = new HashMap<>();
        builders.forEach((previous, builder) -> transitionsFrom.put(previous, builder.build()));

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

    private static final class TransitionsBuilder {

        private final List<Integer> next = new ArrayList<>();
        private final List<Double> probability = new ArrayList<>();

        void add(int index, double value) {
            next.add(index);
            probability.add(value);
        }

        Transitions build() {
            return new Transitions(next.stream().mapToInt(Integer::intValue).toArray(),
                    probability.stream().mapToDouble(Double::doubleValue).toArray());
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
