package dev.streamrank.training.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Computes HR@10 and NDCG@10 for a scorer, over the full catalog and over 100 sampled negatives.
 *
 * <p>Full ranking: the target is ranked against every real item except the user's earlier items.
 * Ties in score go to the lower item index: an item with the same score as the target ranks
 * above it when its index is lower, which makes constant scorers rank by index, not by luck.
 *
 * <p>Sampled (the protocol of the SASRec paper): the target is ranked against 100 items drawn
 * uniformly without replacement from the items the user never interacted with, with the same
 * tie rule. Sampled numbers are not comparable with full-ranking numbers.
 */
public final class RankingEvaluator {

    public static final int CUTOFF = 10;
    public static final int SAMPLED_NEGATIVES = 100;
    public static final String TIE_RULE = "ties in score rank the lower item index first";

    private static final int BATCH = 128;

    private final int itemCount;

    /** @param itemCount number of real items N (indices 1..N) */
    public RankingEvaluator(int itemCount) {
        this.itemCount = itemCount;
    }

    /** Full-catalog HR@10 and NDCG@10. */
    public Metrics full(CatalogScorer scorer, List<RankingCase> cases) throws Exception {
        return evaluate(scorer, cases, (ranked, scores) -> fullRank(scores, ranked));
    }

    /** HR@10 and NDCG@10 against 100 sampled negatives, drawn with {@code seed}. */
    public Metrics sampled(CatalogScorer scorer, List<RankingCase> cases, long seed) throws Exception {
        int available = itemCount - 1;
        if (available < SAMPLED_NEGATIVES) {
            throw new IllegalArgumentException("the sampled protocol needs at least " + (SAMPLED_NEGATIVES + 1)
                    + " items, found " + itemCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> negatives = new ArrayList<>(cases.size());
        for (RankingCase rankingCase : cases) {
            negatives.add(sampleNegatives(rankingCase, random));
        }
        int[] next = {0};
        return evaluate(scorer, cases, (ranked, scores) -> sampledRank(scores, ranked, negatives.get(next[0]++)));
    }

    private Metrics evaluate(CatalogScorer scorer, List<RankingCase> cases, Ranker ranker) throws Exception {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no users to evaluate: every user has fewer than 3 interactions");
        }
        double hits = 0;
        double ndcg = 0;
        for (int start = 0; start < cases.size(); start += BATCH) {
            List<RankingCase> batch = cases.subList(start, Math.min(cases.size(), start + BATCH));
            float[][] scores = scorer.scoreCatalog(batch.stream().map(RankingCase::history).toList());
            for (int row = 0; row < batch.size(); row++) {
                int rank = ranker.rank(batch.get(row), scores[row]);
                if (rank < CUTOFF) {
                    hits++;
                    ndcg += 1.0 / (Math.log(rank + 2) / Math.log(2));
                }
            }
        }
        return new Metrics(hits / cases.size(), ndcg / cases.size(), cases.size());
    }

    /** Returns the 0-based rank of the target among all non-excluded real items. */
    private int fullRank(float[] scores, RankingCase rankingCase) {
        int target = rankingCase.target();
        boolean[] excluded = new boolean[itemCount + 1];
        for (int item : rankingCase.excluded()) {
            excluded[item] = true;
        }
        excluded[target] = false;

        float targetScore = checkedScore(scores, target);
        int rank = 0;
        for (int item = 1; item <= itemCount; item++) {
            if (item != target && !excluded[item] && ranksAbove(scores[item], item, targetScore, target)) {
                rank++;
            }
        }
        return rank;
    }

    private static int sampledRank(float[] scores, RankingCase rankingCase, int[] negatives) {
        int target = rankingCase.target();
        float targetScore = checkedScore(scores, target);
        int rank = 0;
        for (int item : negatives) {
            if (ranksAbove(scores[item], item, targetScore, target)) {
                rank++;
            }
        }
        return rank;
    }

    private static boolean ranksAbove(float score, int item, float targetScore, int target) {
        return score > targetScore || (score == targetScore && item < target);
    }

    private static float checkedScore(float[] scores, int target) {
        float score = scores[target];
        if (Float.isNaN(score)) {
            throw new IllegalStateException("the scorer returned NaN for item index " + target
                    + "; the model diverged or the export is broken");
        }
        return score;
    }

    private int[] sampleNegatives(RankingCase rankingCase, SplittableRandom random) {
        boolean[] taken = new boolean[itemCount + 1];
        for (int item : rankingCase.history()) {
            taken[item] = true;
        }
        for (int item : rankingCase.excluded()) {
            taken[item] = true;
        }
        taken[rankingCase.target()] = true;

        int[] negatives = new int[SAMPLED_NEGATIVES];
        int count = 0;
        while (count < SAMPLED_NEGATIVES) {
            int item = 1 + random.nextInt(itemCount);
            if (!taken[item]) {
                taken[item] = true;
                negatives[count++] = item;
            }
        }
        Arrays.sort(negatives);
        return negatives;
    }

    @FunctionalInterface
    private interface Ranker {
        int rank(RankingCase rankingCase, float[] scores);
    }
}
