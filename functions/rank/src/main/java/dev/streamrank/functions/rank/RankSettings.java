package dev.streamrank.functions.rank;

import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.rank.BaselineRankerConfig;
import java.time.Duration;

/**
 * Settings of the rank function, read once at initialisation.
 *
 * <p>Variables, with defaults from {@link BaselineRankerConfig#defaults()} and {@link #DEFAULT_CATALOG_REFRESH}:
 * STREAMRANK_POPULARITY_WEIGHT (share of popularity in a personalized score, 0-1),
 * STREAMRANK_RANK_HISTORY_WINDOW (recent positive items used),
 * STREAMRANK_RECENCY_HALF_LIFE_ITEMS (positions after which a recent item's weight halves),
 * STREAMRANK_EXPLANATION_ITEMS (items listed in an explanation),
 * STREAMRANK_CATALOG_REFRESH_SECONDS (maximum catalog snapshot age; 0 reloads on every request).
 *
 * @param ranker         baseline ranker settings
 * @param catalogRefresh how old the catalog snapshot may get before the next request reloads it
 */
public record RankSettings(BaselineRankerConfig ranker, Duration catalogRefresh) {

    public static final Duration DEFAULT_CATALOG_REFRESH = Duration.ofSeconds(60);

    public RankSettings {
        if (catalogRefresh.isNegative()) {
            throw new IllegalArgumentException("STREAMRANK_CATALOG_REFRESH_SECONDS must not be negative (given "
                    + catalogRefresh.toSeconds() + ")");
        }
    }

    /** @throws IllegalArgumentException naming the variables when a value is not a number or out of range */
    public static RankSettings from(FunctionEnvironment environment) {
        BaselineRankerConfig defaults = BaselineRankerConfig.defaults();
        BaselineRankerConfig ranker;
        try {
            ranker = new BaselineRankerConfig(
                    environment.doubleSetting("STREAMRANK_POPULARITY_WEIGHT", defaults.popularityWeight()),
                    environment.intSetting("STREAMRANK_RANK_HISTORY_WINDOW", defaults.historyWindow()),
                    environment.doubleSetting("STREAMRANK_RECENCY_HALF_LIFE_ITEMS", defaults.recencyHalfLife()),
                    environment.intSetting("STREAMRANK_EXPLANATION_ITEMS", defaults.maxReasons()));
        } catch (IllegalArgumentException e) {
            // The record names its components; the operator sets variables.
            throw new IllegalArgumentException("invalid ranker setting: " + e.getMessage() + "; the variables are"
                    + " STREAMRANK_POPULARITY_WEIGHT, STREAMRANK_RANK_HISTORY_WINDOW,"
                    + " STREAMRANK_RECENCY_HALF_LIFE_ITEMS and STREAMRANK_EXPLANATION_ITEMS", e);
        }
        Duration refresh = Duration.ofSeconds(environment.intSetting("STREAMRANK_CATALOG_REFRESH_SECONDS",
                (int) DEFAULT_CATALOG_REFRESH.toSeconds()));
        return new RankSettings(ranker, refresh);
    }
}
