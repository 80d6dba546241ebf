package dev.streamrank.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamrank.event.Interaction;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalsTest {

    private static final FeatureConfig CONFIG = FeatureConfig.defaults();

    @ParameterizedTest(name = "{0} value={1}: signal {2}, positive {3}, attention {4}")
    @CsvSource(nullValues = "none", value = {
            "view,        none, 1.0,  true,  1.0",
            "click,       none, 2.0,  true,  2.0",
            "add_to_cart, none, 3.0,  true,  3.0",
            "purchase,    none, 5.0,  true,  5.0",
            "rating,      5.0,  2.0,  true,  3.0",
            "rating,      3.0,  0.0,  true,  3.0",
            "rating,      1.0,  -2.0, false, 3.0",
            "skip,        none, -1.0, false, 0.0",
            "dislike,     none, -3.0, false, 0.0"})
    void signalPositivityAndAttentionFollowTheTypeTable(String type, Double value, double signal, boolean positive,
            double attention) {
        Interaction event = Interaction.of("e", "u", "i", type, value, Instant.EPOCH);

        assertEquals(signal, Signals.signal(event, CONFIG), 1e-12);
        assertEquals(positive, Signals.isPositive(event, CONFIG));
        assertEquals(attention, Signals.attention(event, CONFIG), 1e-12);
    }
}
