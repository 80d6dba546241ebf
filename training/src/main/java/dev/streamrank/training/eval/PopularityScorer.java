package dev.streamrank.training.eval;

import java.util.List;

/**
 * The popularity baseline: every user gets the same scores, the number of interactions of each item
 * in the data the model may see (training sequences, plus validation targets when scoring the test).
 */
public final class PopularityScorer implements CatalogScorer {

    private final float[] counts;

    private PopularityScorer(float[] counts) {
        this.counts = counts;
    }

    /** Counts the items of {@code sequences} (and of {@code extraItems}) over a catalog of N items. */
    public static PopularityScorer count(int itemCount, List<int[]> sequences, int[] extraItems) {
        float[] counts = new float[itemCount + 1];
        for (int[] sequence : sequences) {
            for (int item : sequence) {
                counts[item]++;
            }
        }
        for (int item : extraItems) {
            counts[item]++;
        }
        return new PopularityScorer(counts);
    }

    @Override
    public float[][] scoreCatalog(List<int[]> histories) {
        float[][] scores = new float[histories.size()][];
        for (int row = 0; row < scores.length; row++) {
            scores[row] = counts;
        }
        return scores;
    }
}
