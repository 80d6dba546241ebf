package dev.streamrank.functions.rank;

import java.util.List;
import java.util.Set;

/**
 * A validated ranking request from either route.
 *
 * @param userId     the user, 1-128 characters
 * @param candidates items to re-rank, in request order with duplicates; null ranks the whole catalog
 * @param k          how many items to return, 1-1000
 * @param exclude    items not to return
 */
record RankQuery(String userId, List<String> candidates, int k, Set<String> exclude) {
}
