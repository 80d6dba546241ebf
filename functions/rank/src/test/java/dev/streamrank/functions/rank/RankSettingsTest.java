package dev.streamrank.functions.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.rank.BaselineRankerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankSettingsTest {

    @Test
    void absentVariablesKeepDefaults() {
        RankSettings settings = RankSettings.from(environment(Map.of()));

        assertEquals(BaselineRankerConfig.defaults(), settings.ranker());
        assertEquals(Duration.ofSeconds(60), settings.catalogRefresh());
    }

    @Test
    void variablesOverrideDefaults() {
        RankSettings settings = RankSettings.from(environment(Map.of("STREAMRANK_POPULARITY_WEIGHT", "0.5",
                "STREAMRANK_RANK_HISTORY_WINDOW", "20", "STREAMRANK_CATALOG_REFRESH_SECONDS", "0")));

        assertEquals(0.5, settings.ranker().popularityWeight());
        assertEquals(20, settings.ranker().historyWindow());
        assertEquals(Duration.ZERO, settings.catalogRefresh());
    }

    @Test
    void outOfRangeWeightNamesVariable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RankSettings.from(environment(Map.of("STREAMRANK_POPULARITY_WEIGHT", "1.5"))));

        assertTrue(error.getMessage().contains("given 1.5"), error.getMessage());
        assertTrue(error.getMessage().contains("STREAMRANK_POPULARITY_WEIGHT"), error.getMessage());
    }

    @Test
    void negativeRefreshRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RankSettings.from(environment(Map.of("STREAMRANK_CATALOG_REFRESH_SECONDS", "-1"))));

        assertTrue(error.getMessage().contains("STREAMRANK_CATALOG_REFRESH_SECONDS"), error.getMessage());
    }

    private static FunctionEnvironment environment(Map<String, String> settings) {
        return FunctionEnvironment.of(AwsClients.standard(), StreamRankResources.defaults(), settings);
    }
}
