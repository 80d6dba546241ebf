package dev.streamrank.functions.rank;

import dev.streamrank.rank.BaselineRanker;
import dev.streamrank.rank.RankRequest;
import dev.streamrank.rank.Ranker;
import dev.streamrank.rank.Ranking;
import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Ranks items for a user: reads the user's state, takes the catalog snapshot, calls the ranker.
 * Thread-safe.
 *
 * <p>Degrades instead of failing where it can: when the user's state cannot be read, the ranking
 * is the popularity ranking of a new user, and when the catalog reload fails, the previous
 * snapshot serves. Both set {@code degraded}. Only a catalog that was never loaded is an error.
 */
final class RankService {

    private static final Logger LOG = LoggerFactory.getLogger(RankService.class);

    private final UserStateTable users;
    private final CatalogCache catalog;
    private final Ranker ranker;

    RankService(UserStateTable users, CatalogCache catalog, Ranker ranker) {
        this.users = users;
        this.catalog = catalog;
        this.ranker = ranker;
    }

    /**
     * Ranks the whole catalog, or the query's candidates when it has them.
     *
     * @throws dev.streamrank.functions.http.DependencyFailureException when no catalog snapshot can be loaded
     */
    RankResult rank(RankQuery query) {
        CatalogCache.Snapshot snapshot = catalog.current();
        UserRead user = readUser(query.userId());

        RankRequest request = query.candidates() == null
                ? RankRequest.topK(user.state(), snapshot.catalog(), query.k(), query.exclude())
                : RankRequest.rerank(user.state(), snapshot.catalog(), query.candidates(), query.k(), query.exclude());
        Ranking ranking = ranker.rank(request);

        return new RankResult(ranking, snapshot.stale() || user.failed());
    }

    /** Returns the catalog state for the health route, loading the catalog when due. */
    Health health() {
        CatalogCache.Snapshot snapshot = catalog.current();
        return new Health(BaselineRanker.MODEL_VERSION, snapshot.catalog().size(), snapshot.loadedAt().toString(),
                snapshot.stale());
    }

    private UserRead readUser(String userId) {
        try {
            return new UserRead(users.get(userId), false);
        } catch (SdkException e) {
            // NOTE: without the user's state, consumed items cannot be filtered out of this ranking.
            LOG.warn("user state read from table {} failed; answering with the popularity ranking",
                    users.tableName(), e);
            return new UserRead(UserState.empty(userId), true);
        }
    }

    private record UserRead(UserState state, boolean failed) {
    }

    /**
     * A ranking and whether it was produced with missing or stale data.
     *
     * @param ranking  the ranking
     * @param degraded true when the user's state could not be read or the catalog is stale
     */
    record RankResult(Ranking ranking, boolean degraded) {
    }

    /**
     * The health route's report.
     *
     * @param modelVersion     the model version personalized rankings come from
     * @param catalogSize      items in the catalog snapshot
     * @param catalogLoadedAt  when the snapshot was read, ISO-8601
     * @param degraded         true when the latest catalog reload failed
     */
    record Health(String modelVersion, int catalogSize, String catalogLoadedAt, boolean degraded) {
    }
}
