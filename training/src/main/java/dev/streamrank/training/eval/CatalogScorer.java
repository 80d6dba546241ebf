package dev.streamrank.training.eval;

import java.util.List;

/** Scores the whole catalog for a batch of user histories. */
@FunctionalInterface
public interface CatalogScorer {

    /**
     * Returns one row per history with a score for every item index 0..N (index 0, padding, is
     * ignored by the caller). Histories are item indices, oldest first, possibly empty.
     */
    float[][] scoreCatalog(List<int[]> histories) throws Exception;
}
