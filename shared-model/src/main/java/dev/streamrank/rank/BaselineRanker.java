package dev.streamrank.rank;

import dev.streamrank.event.EventTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Ranks by item-to-item co-occurrence with the user's recent items, blended with popularity.
 *
 * <p>For a candidate i and the user's recent positive items j (most recent first, weight
 * w_j = 2^(-position / recencyHalfLife)):
 * <pre>
 *   cooccurrence(i) = sum_j w_j * P(i | j), divided by its maximum over the request's candidates
 *   score(i)        = (1 - popularityWeight) * cooccurrence(i) + popularityWeight * popularity(i)
 * </pre>
 * where P(i | j) and popularity come from the {@link Catalog}. When no candidate has any
 * co-occurrence (a new user, or a history the catalog has no pairs for), the score is popularity
 * alone, the strategy is {@link RankingStrategy#POPULARITY} and the model version
 * {@value #POPULARITY_VERSION}.
 *
 * <p>Items the user consumed and items the caller excluded are never returned. Equal scores are
 * ordered by item id. Immutable and thread-safe.
 */
public final class BaselineRanker implements Ranker {

    public static final String MODEL_VERSION = "baseline-cooccurrence-v1";
    public static final String POPULARITY_VERSION = "popularity";

    /** Best first: higher score, then smaller item id, so equal scores have one order. */
    private static final Comparator<RankedCandidate> BEST_FIRST = Comparator
            .comparingDouble(RankedCandidate::score).reversed()
            .thenComparing(RankedCandidate::itemId);

    private final BaselineRankerConfig config;
    private final EventTypes eventTypes;

    /**
     * @param config     weights and windows
     * @param eventTypes the event types; a type with a weight of at least 0 is positive feedback
     */
    public BaselineRanker(BaselineRankerConfig config, EventTypes eventTypes) {
        this.config = config;
        this.eventTypes = eventTypes;
    }

    @Override
    public Ranking rank(RankRequest request) {
        Catalog catalog = request.catalog();
        UserHistory history = UserHistory.of(request.user(), eventTypes, config.historyWindow(),
                config.recencyHalfLife());

        Candidates candidates = select(request, history);

        double[] cooccurrence = request.isRerank()
                ? cooccurrenceOfCandidates(history, catalog, candidates.indexes())
                : cooccurrenceOfCatalog(history, catalog);
        double maxCooccurrence = 0;
        for (int index : candidates.indexes()) {
            maxCooccurrence = Math.max(maxCooccurrence, cooccurrence[index]);
        }
        boolean personalized = maxCooccurrence > 0;

        List<RankedCandidate> best = topK(candidates.indexes(), request.k(), catalog, cooccurrence,
                maxCooccurrence);

        List<RankedItem> items = new ArrayList<>(best.size());
        for (RankedCandidate candidate : best) {
            List<String> because = personalized ? reasons(history, catalog, candidate.index()) : List.of();
            items.add(new RankedItem(candidate.itemId(), candidate.score(), items.size() + 1,
                    catalog.item(candidate.index()).title(),
                    new Explanation(candidate.cooccurrence(), catalog.popularity(candidate.index()), because)));
        }

        return new Ranking(request.user().userId(),
                personalized ? MODEL_VERSION : POPULARITY_VERSION,
                personalized ? RankingStrategy.PERSONALIZED : RankingStrategy.POPULARITY,
                items, candidates.filtered(), candidates.indexes().length);
    }

    /** Applies the filters and returns the catalog indexes left to score. */
    private static Candidates select(RankRequest request, UserHistory history) {
        Catalog catalog = request.catalog();
        List<Integer> eligible = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int consumed = 0;
        int excluded = 0;
        int duplicates = 0;

        Iterable<String> ids;
        if (request.isRerank()) {
            Set<String> unique = new LinkedHashSet<>(request.candidates());
            duplicates = request.candidates().size() - unique.size();
            ids = unique;
        } else {
            List<String> all = new ArrayList<>(catalog.size());
            for (int i = 0; i < catalog.size(); i++) {
                all.add(catalog.item(i).itemId());
            }
            ids = all;
        }

        for (String itemId : ids) {
            int index = catalog.indexOf(itemId);
            if (index < 0) {
                unknown.add(itemId);
            } else if (history.consumed().contains(itemId)) {
                consumed++;
            } else if (request.exclude().contains(itemId)) {
                excluded++;
            } else {
                eligible.add(index);
            }
        }

        int[] indexes = eligible.stream().mapToInt(Integer::intValue).toArray();
        return new Candidates(indexes, new FilterCounts(consumed, excluded, duplicates, unknown));
    }

    /** Returns sum_j w_j * P(i | j) for every catalog index i, walking the followers of each recent item. */
    private static double[] cooccurrenceOfCatalog(UserHistory history, Catalog catalog) {
        double[] sums = new double[catalog.size()];
        for (Map.Entry<String, Double> recent : history.positives().entrySet()) {
            Catalog.Transitions transitions = catalog.transitionsFrom(recent.getKey());
            double weight = recent.getValue();
            for (int n = 0; n < transitions.next().length; n++) {
                sums[transitions.next()[n]] += weight * transitions.probability()[n];
            }
        }
        return sums;
    }

    /**
     * Returns the same sums for the candidates only (other entries stay 0). Walks each candidate's
     * bounded {@code precededBy} map, so the cost grows with the list length, not with how many
     * items followed the user's recent items.
     */
    private static double[] cooccurrenceOfCandidates(UserHistory history, Catalog catalog, int[] indexes) {
        double[] sums = new double[catalog.size()];
        for (int index : indexes) {
            double sum = 0;
            for (String previous : catalog.item(index).precededBy().keySet()) {
                Double weight = history.positives().get(previous);
                if (weight != null) {
                    sum += weight * catalog.transitionProbability(previous, index);
                }
            }
            sums[index] = sum;
        }
        return sums;
    }

    private List<RankedCandidate> topK(int[] indexes, int k, Catalog catalog, double[] cooccurrence,
            double maxCooccurrence) {
        // A min-heap of the best k so far: its head is the weakest kept candidate.
        PriorityQueue<RankedCandidate> heap = new PriorityQueue<>(Math.min(k, indexes.length) + 1,
                BEST_FIRST.reversed());
        for (int index : indexes) {
            double scaled = maxCooccurrence > 0 ? cooccurrence[index] / maxCooccurrence : 0;
            double popularity = catalog.popularity(index);
            double score = maxCooccurrence > 0
                    ? (1 - config.popularityWeight()) * scaled + config.popularityWeight() * popularity
                    : popularity;
            // Inputs are finite by construction; the guard keeps a future bug from reordering the sort.
            if (!Double.isFinite(score)) {
                score = 0;
            }

            String itemId = catalog.item(index).itemId();
            if (heap.size() == k && !isBetter(score, itemId, heap.peek())) {
                continue;
            }
            heap.add(new RankedCandidate(index, itemId, score, scaled));
            if (heap.size() > k) {
                heap.poll();
            }
        }

        List<RankedCandidate> best = new ArrayList<>(heap);
        best.sort(BEST_FIRST);
        return best;
    }

    /** Returns true when (score, itemId) sorts before the candidate under {@link #BEST_FIRST}. */
    private static boolean isBetter(double score, String itemId, RankedCandidate other) {
        if (score != other.score()) {
            return score > other.score();
        }
        return itemId.compareTo(other.itemId()) < 0;
    }

    /** Returns the recent items with the largest w_j * P(i | j), strongest first, ties by item id. */
    private List<String> reasons(UserHistory history, Catalog catalog, int index) {
        // Walks the item's bounded precededBy map and looks each neighbour up in the history.
        List<Map.Entry<String, Double>> contributions = new ArrayList<>();
        for (String previous : catalog.item(index).precededBy().keySet()) {
            Double weight = history.positives().get(previous);
            if (weight == null) {
                continue;
            }
            double contribution = weight * catalog.transitionProbability(previous, index);
            if (contribution > 0) {
                contributions.add(Map.entry(previous, contribution));
            }
        }
        contributions.sort(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        return contributions.stream().limit(config.maxReasons()).map(Map.Entry::getKey).toList();
    }

    private record Candidates(int[] indexes, FilterCounts filtered) {
    }

    private record RankedCandidate(int index, String itemId, double score, double cooccurrence) {
    }
}
