package dev.streamrank.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.Interaction;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivePlanTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static final List<ItemState> CATALOG = List.of(
            item("1", 50, "Comedy"),
            item("2", 40, "Comedy"),
            item("3", 30, "Drama"),
            item("4", 20, "Drama"),
            item("5", 10, "Drama"),
            item("6", 90, "Horror"),
            item("7", 80, "Horror"),
            item("8", 0, "Horror"),
            item("9", 70, "(no genres listed)"),
            item("10", 60, "(no genres listed)"));

    @Test
    void picksLeastWatchedGenre() {
        UserState user = userWho("1", "3");

        LivePlan plan = LivePlan.forUser(user, CATALOG, 2, NOW);

        assertEquals("Horror", plan.genre(), "the user has seen comedy and drama, never horror");
        assertEquals(List.of("6", "7"), plan.items().stream().map(ItemState::itemId).toList(), "most rated first");
    }

    @Test
    void skipsSeenAndUnratedItems() {
        UserState user = userWho("1", "2", "6");

        LivePlan plan = LivePlan.forUser(user, CATALOG, 2, NOW);

        assertEquals("Drama", plan.genre(), "horror has one rated unseen item left, too few for two ratings");
        assertEquals(List.of("3", "4"), plan.items().stream().map(ItemState::itemId).toList());
    }

    @Test
    void buildsFiveStarRatings() {
        LivePlan plan = LivePlan.forUser(userWho("1"), CATALOG, 2, NOW);

        for (Interaction event : plan.events()) {
            assertEquals("u1", event.userId());
            assertEquals("rating", event.type());
            assertEquals(5.0, event.value());
            assertEquals(NOW, event.timestamp());
            assertTrue(event.eventId().startsWith("demo-live-u1-"), event.eventId());
        }
        assertEquals(2, plan.events().stream().map(Interaction::eventId).distinct().count(), "event ids are unique");
    }

    @Test
    void failsWithoutEnoughUnseenItems() {
        var error = assertThrows(IllegalStateException.class, () -> LivePlan.forUser(userWho("1"), CATALOG, 5, NOW));

        assertTrue(error.getMessage().contains("u1"), error.getMessage());
    }

    private static UserState userWho(String... itemIds) {
        List<RecentInteraction> recent = java.util.Arrays.stream(itemIds)
                .map(id -> new RecentInteraction("e-" + id, id, "rating", 1000L))
                .toList();
        return new UserState("u1", recent, Map.of("rating", (long) itemIds.length), 1000, 1000, new float[0], null, 1);
    }

    private static ItemState item(String id, long ratings, String genre) {
        Map<String, Long> counters = ratings == 0 ? Map.of() : Map.of("rating", ratings);
        return new ItemState(id, 0, 0, counters, 0, "Title " + id, List.of(genre), Map.of(), 1);
    }
}
