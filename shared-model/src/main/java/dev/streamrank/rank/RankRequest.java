package dev.streamrank.rank;

import dev.streamrank.state.UserState;
import java.util.List;
import java.util.Set;

/**
 * A request to rank items for one user. Build with {@link #topK} (the whole catalog) or {@link #rerank} (a list
 * the caller supplies).
 *
 * @param user       the user's state; {@link UserState#empty} for a user never seen
 * @param catalog    the items that exist, with their popularity and co-occurrence
 * @param candidates the items to re-rank in the caller's order, duplicates allowed; null ranks the
 *                   whole catalog
 * @param k          how many items to return at most, at least 1
 * @param exclude    item ids the caller does not want returned
 */
public record RankRequest(UserState user, Catalog catalog, List<String> candidates, int k, Set<String> exclude) {

    public RankRequest {
        if (user == null || catalog == null) {
            throw new IllegalArgumentException("a rank request needs a user state and a catalog");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1 (given " + k + ")");
        }
        candidates = candidates == null ? null : List.copyOf(candidates);
        exclude = Set.copyOf(exclude);
    }

    public static RankRequest topK(UserState user, Catalog catalog, int k, Set<String> exclude) {
        return new RankRequest(user, catalog, null, k, exclude);
    }

    public static RankRequest rerank(UserState user, Catalog catalog, List<String> candidates, int k,
            Set<String> exclude) {
        if (candidates == null) {
            throw new IllegalArgumentException("a re-rank request needs a candidate list");
        }
        return new RankRequest(user, catalog, candidates, k, exclude);
    }

    /** True when the caller supplied the candidates. */
    public boolean isRerank() {
        return candidates != null;
    }
}
