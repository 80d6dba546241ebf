package dev.streamrank.rank;

/**
 * Scores items for a user. Implementations are pure with respect to the request: no I/O, no clock,
 * so the same request always gives the same ranking. Implementations must be thread-safe.
 *
 * <p>The baseline ({@link BaselineRanker}) uses co-occurrence and popularity. A model-based ranker
 * implements the same interface and may delegate to the baseline for users or items it cannot
 * score, naming whichever produced the result in {@link Ranking#modelVersion()}.
 */
public interface Ranker {

    Ranking rank(RankRequest request);
}
