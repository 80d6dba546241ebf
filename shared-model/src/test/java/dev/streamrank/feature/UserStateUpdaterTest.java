package dev.streamrank.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.EventTypes;
import dev.streamrank.event.Interaction;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserStateUpdaterTest {

    private static final Instant T0 = Instant.parse("2026-11-03T10:00:00Z");
    private final UserStateUpdater updater = new UserStateUpdater(FeatureConfig.defaults());

    @Test
    void lateEventIsInsertedInTimeOrder() {
        UserUpdate first = updater.apply(UserState.empty("u"), List.of(
                event("e1", "a", "view", 0), event("e3", "c", "view", 600)));

        UserUpdate late = updater.apply(first.state(), List.of(event("e2", "b", "view", 300)));

        assertEquals(List.of("a", "b", "c"), itemIds(late.state()));
        assertEquals(List.of("a"), late.applied().get(0).preceding(), "only items before the late event precede it");
    }

    @Test
    void equalTimesKeepArrivalOrder() {
        UserUpdate update = updater.apply(UserState.empty("u"), List.of(
                event("e1", "a", "view", 60), event("e2", "b", "view", 60), event("e3", "c", "view", 0),
                event("e4", "d", "view", 60)));

        assertEquals(List.of("c", "a", "b", "d"), itemIds(update.state()));
    }

    @Test
    void sequenceIsCappedAtHistoryLengthKeepingTheNewest() {
        UserStateUpdater shortHistory = new UserStateUpdater(FeatureConfig.defaults().withHistoryLength(3));

        UserUpdate update = shortHistory.apply(UserState.empty("u"), List.of(
                event("e1", "a", "view", 0), event("e2", "b", "view", 10), event("e3", "c", "view", 20),
                event("e4", "d", "view", 30), event("e5", "e", "view", 5)));

        assertEquals(List.of("b", "c", "d"), itemIds(update.state()));
        assertEquals(5L, update.state().counters().get("view"), "counters keep counting past the cap");
    }

    @Test
    void duplicateIdsAreSkippedFromStateAndBatch() {
        UserUpdate first = updater.apply(UserState.empty("u"), List.of(event("e1", "a", "click", 0)));

        UserUpdate second = updater.apply(first.state(), List.of(
                event("e1", "a", "click", 0), event("e2", "b", "click", 10), event("e2", "b", "click", 10)));

        assertEquals(List.of("e2"), second.applied().stream().map(a -> a.event().eventId()).toList());
        assertEquals(List.of("e1", "e2"), second.duplicates().stream().map(Interaction::eventId).toList());
        assertEquals(Map.of("click", 2L), second.state().counters());
        assertEquals(List.of("a", "b"), itemIds(second.state()));
    }

    @Test
    void countersAndFirstAndLastSeenFollowEventTime() {
        UserUpdate first = updater.apply(UserState.empty("u"), List.of(
                event("e1", "a", "view", 100), event("e2", "b", "purchase", 200)));

        UserUpdate late = updater.apply(first.state(), List.of(event("e3", "c", "view", 50)));

        UserState state = late.state();
        assertEquals(Map.of("view", 2L, "purchase", 1L), state.counters());
        assertEquals(T0.plusSeconds(50).toEpochMilli(), state.firstSeenMillis());
        assertEquals(T0.plusSeconds(200).toEpochMilli(), state.lastSeenMillis());
        assertEquals(3, state.totalInteractions());
    }

    @Test
    void precedingItemsAreNearestFirstDistinctPositiveAndWindowed() {
        FeatureConfig config = new FeatureConfig(EventTypes.defaults(), 200, FeatureConfig.defaults().heatHalfLife(),
                3, 100, 3.0, FeatureConfig.defaults().dedupeTtl());
        UserStateUpdater windowed = new UserStateUpdater(config);

        UserUpdate update = windowed.apply(UserState.empty("u"), List.of(
                event("e1", "a", "view", 0),
                event("e2", "b", "view", 10),
                event("e3", "x", "skip", 20),
                event("e4", "c", "click", 30),
                event("e5", "b", "view", 40),
                event("e6", "d", "view", 50),
                event("e7", "target", "purchase", 60)));

        UserUpdate.AppliedEvent last = update.applied().get(6);
        assertEquals(List.of("d", "b", "c"), last.preceding(),
                "nearest first, b once, the skipped x left out, at most 3");
        assertEquals(5.0, last.signal());
    }

    @Test
    void precedingItemsExcludeTheSameItem() {
        UserUpdate update = updater.apply(UserState.empty("u"), List.of(
                event("e1", "a", "view", 0), event("e2", "b", "view", 10), event("e3", "a", "view", 20)));

        assertEquals(List.of("b"), update.applied().get(2).preceding());
    }

    @Test
    void precedingOfAStoredEventMatchesWhatApplyReported() {
        UserUpdate update = updater.apply(UserState.empty("u"), List.of(
                event("e1", "a", "view", 0), event("e2", "b", "click", 10), event("e3", "c", "purchase", 20)));

        assertEquals(update.applied().get(2).preceding(), updater.precedingOf(update.state(), "e3"));
        assertEquals(List.of(), updater.precedingOf(update.state(), "e-unknown"));
    }

    @Test
    void storedTypeNoLongerRegisteredDoesNotFailLaterEvents() {
        UserStateUpdater withShare = new UserStateUpdater(FeatureConfig.defaults()
                .withEventTypes(EventTypes.parse("share:2.5")));
        UserUpdate first = withShare.apply(UserState.empty("u"), List.of(event("e1", "a", "share", 0)));

        UserUpdate second = updater.apply(first.state(), List.of(event("e2", "b", "view", 10)));

        assertEquals(List.of("a", "b"), itemIds(second.state()));
        assertEquals(List.of(), second.applied().get(0).preceding(), "an unregistered type counts as not positive");
    }

    @Test
    void eventOfAnotherUserIsRejected() {
        Interaction other = Interaction.of("e1", "someone-else", "a", "view", null, T0);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> updater.apply(UserState.empty("u"), List.of(other)));

        assertTrue(error.getMessage().contains("'someone-else'"), error.getMessage());
    }

    @Test
    void revisionAndOnlineVectorAreCarriedOver() {
        UserState stored = new UserState("u", List.of(), Map.of(), 0, 0, new float[] {0.5f}, "v7", 4);

        UserState next = updater.apply(stored, List.of(event("e1", "a", "view", 0))).state();

        assertEquals(4, next.revision(), "the table increments the revision when it writes");
        assertEquals("v7", next.onlineModelVersion());
        assertEquals(0.5f, next.onlineVector()[0]);
    }

    private static Interaction event(String eventId, String itemId, String type, int secondsAfterT0) {
        Double value = "rating".equals(type) ? 4.0 : null;
        return Interaction.of(eventId, "u", itemId, type, value, T0.plusSeconds(secondsAfterT0));
    }

    private static List<String> itemIds(UserState state) {
        return state.recent().stream().map(RecentInteraction::itemId).toList();
    }
}
