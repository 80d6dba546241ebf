package dev.streamrank.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamrank.event.EventTypes;
import dev.streamrank.event.Interaction;
import dev.streamrank.state.ItemState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemStateUpdaterTest {

    private static final Instant T0 = Instant.parse("2026-11-03T10:00:00Z");
    private final FeatureConfig config = FeatureConfig.defaults();
    private final ItemStateUpdater updater = new ItemStateUpdater(config);

    @Test
    void countsEveryEvent() {
        ItemState next = updater.apply(ItemState.empty("i"), List.of(
                applied("e1", "view", null, 100, List.of()),
                applied("e2", "skip", null, 300, List.of()),
                applied("e3", "view", null, 200, List.of())));

        assertEquals(Map.of("view", 2L, "skip", 1L), next.counters());
        assertEquals(T0.plusSeconds(300).toEpochMilli(), next.lastInteractionMillis());
    }

    @Test
    void heatDecaysByHalfPerHalfLife() {
        long halfLife = config.heatHalfLife().toSeconds();

        ItemState next = updater.apply(ItemState.empty("i"), List.of(
                applied("e1", "purchase", null, 0, List.of()),
                applied("e2", "view", null, halfLife, List.of())));

        assertEquals(5.0 / 2 + 1.0, next.heat(), 1e-9);
        assertEquals(T0.plusSeconds(halfLife).toEpochMilli(), next.heatAtMillis());
    }

    @Test
    void coOccurrenceComesOnlyFromPositiveSignals() {
        ItemState next = updater.apply(ItemState.empty("i"), List.of(
                applied("e1", "purchase", null, 0, List.of("a", "b")),
                applied("e2", "skip", null, 10, List.of("c")),
                applied("e3", "rating", 1.0, 20, List.of("d")),
                applied("e4", "rating", 5.0, 30, List.of("a"))));

        assertEquals(Map.of("a", 2.0, "b", 1.0), next.precededBy());
    }

    @Test
    void neighborsKeepTheStrongest() {
        FeatureConfig small = new FeatureConfig(EventTypes.defaults(), 200, Duration.ofDays(7), 10, 2, 3.0,
                Duration.ofDays(7));
        ItemState stored = new ItemState("i", 0, 0, Map.of(), 0, null, List.of(), Map.of("z", 3.0, "y", 1.0), 2);

        ItemState next = new ItemStateUpdater(small).apply(stored, List.of(
                applied("e1", "view", null, 0, List.of("b", "a"))));

        assertEquals(Map.of("z", 3.0, "a", 1.0), next.precededBy(), "z is strongest; a beats b and y by id");
    }

    @Test
    void catalogFieldsAndRevisionAreKept() {
        ItemState stored = new ItemState("i", 0, 0, Map.of(), 0, "Alien (1979)", List.of("Horror"), Map.of(), 3);

        ItemState next = updater.apply(stored, List.of(applied("e1", "view", null, 0, List.of())));

        assertEquals("Alien (1979)", next.title());
        assertEquals(List.of("Horror"), next.genres());
        assertEquals(3, next.revision());
    }

    @Test
    void eventOfAnotherItemIsRejected() {
        UserUpdate.AppliedEvent other = new UserUpdate.AppliedEvent(
                Interaction.of("e1", "u", "other", "view", null, T0), 1.0, List.of());

        assertThrows(IllegalArgumentException.class, () -> updater.apply(ItemState.empty("i"), List.of(other)));
    }

    private UserUpdate.AppliedEvent applied(String eventId, String type, Double value, long secondsAfterT0,
            List<String> preceding) {
        Interaction event = Interaction.of(eventId, "u", "i", type, value, T0.plusSeconds(secondsAfterT0));
        return new UserUpdate.AppliedEvent(event, Signals.signal(event, config), preceding);
    }
}
