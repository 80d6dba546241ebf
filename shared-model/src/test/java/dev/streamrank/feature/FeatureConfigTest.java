package dev.streamrank.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureConfigTest {

    @Test
    void emptyEnvironmentGivesTheDefaults() {
        assertEquals(FeatureConfig.defaults().historyLength(), FeatureConfig.fromMap(Map.of()).historyLength());
        assertEquals(FeatureConfig.defaults().dedupeTtl(), FeatureConfig.fromMap(Map.of()).dedupeTtl());
    }

    @Test
    void variablesOverrideTheDefaults() {
        FeatureConfig config = FeatureConfig.fromMap(Map.of(
                "STREAMRANK_HISTORY_LENGTH", "50",
                "STREAMRANK_HEAT_HALF_LIFE_HOURS", "1.5",
                "STREAMRANK_COOCCURRENCE_WINDOW", "4",
                "STREAMRANK_MAX_NEIGHBORS", "20",
                "STREAMRANK_RATING_NEUTRAL", "2.5",
                "STREAMRANK_DEDUPE_TTL_HOURS", "48",
                "STREAMRANK_EVENT_TYPES", "share:2.5"));

        assertEquals(50, config.historyLength());
        assertEquals(Duration.ofMinutes(90), config.heatHalfLife());
        assertEquals(4, config.cooccurrenceWindow());
        assertEquals(20, config.maxNeighbors());
        assertEquals(2.5, config.ratingNeutral());
        assertEquals(Duration.ofHours(48), config.dedupeTtl());
        assertEquals(2.5, config.eventTypes().weight("share"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "STREAMRANK_HISTORY_LENGTH,      abc,  invalid STREAMRANK_HISTORY_LENGTH='abc': expected a whole number",
            "STREAMRANK_HISTORY_LENGTH,      200.5, invalid STREAMRANK_HISTORY_LENGTH='200.5': expected a whole number",
            "STREAMRANK_MAX_NEIGHBORS,       1e3,  invalid STREAMRANK_MAX_NEIGHBORS='1e3': expected a whole number",
            "STREAMRANK_RATING_NEUTRAL,      high, invalid STREAMRANK_RATING_NEUTRAL='high': expected a number",
            "STREAMRANK_HISTORY_LENGTH,      0,    historyLength must be at least 1 (given 0)",
            "STREAMRANK_COOCCURRENCE_WINDOW, -1,   cooccurrenceWindow must not be negative (given -1)",
            "STREAMRANK_HEAT_HALF_LIFE_HOURS, 0,   heatHalfLife must be positive (given PT0S)",
            "STREAMRANK_DEDUPE_TTL_HOURS,    -2,   dedupeTtl must be positive (given PT-2H)",
            "STREAMRANK_EVENT_TYPES,         share, invalid event type entry 'share': expected name:weight"})
    void invalidValueIsRejectedWithTheNameAndValue(String name, String value, String expectedStart) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeatureConfig.fromMap(Map.of(name, value)));

        assertTrue(error.getMessage().startsWith(expectedStart), error.getMessage());
    }
}
