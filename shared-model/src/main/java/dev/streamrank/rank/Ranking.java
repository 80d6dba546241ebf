package dev.streamrank.rank;

import java.util.List;

/**
 * The result of ranking for one user.
 *
 * @param userId         the user
 * @param modelVersion   what produced the scores, for example {@code baseline-cooccurrence-v1} or
 *                       {@code popularity}
 * @param strategy       whether the ranking used the user's history
 * @param items          at most k items, best first
 * @param filtered       what was left out before scoring
 * @param candidateCount how many candidates were scored after filtering
 */
public record Ranking(String userId, String modelVersion, RankingStrategy strategy, List<RankedItem> items,
        FilterCounts filtered, int candidateCount) {

    public Ranking {
        items = List.copyOf(items);
    }
}
