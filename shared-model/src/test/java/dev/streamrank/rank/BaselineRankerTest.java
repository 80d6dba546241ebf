package dev.streamrank.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.EventTypes;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.RecentInteraction;
import dev.streamrank.state.UserState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenarios small enough to check by hand. Every item's heat refers to the same instant, so an
 * item's popularity is its heat divided by the largest heat in the catalog.
 */
class BaselineRankerTest {

    private static final long HEAT_AT = 1_700_000_000_000L;
    private static final Duration HALF_LIFE = Duration.ofDays(7);
    private static final double TOLERANCE = 1e-9;

    private final BaselineRanker ranker = new BaselineRanker(BaselineRankerConfig.defaults(), EventTypes.defaults());

    @Test
    void cooccurrenceOutranksPopularity() {
        Catalog catalog = catalog(
                item("popular", 100, Map.of()),
                item("follower", 1, Map.of("seen", 5.0)),
                item("seen", 10, Map.of()));
        UserState user = user("u1", view("seen", 1));

        Ranking ranking = ranker.rank(RankRequest.topK(user, catalog, 2, Set.of()));

        assertEquals(RankingStrategy.PERSONALIZED, ranking.strategy());
        assertEquals(BaselineRanker.MODEL_VERSION, ranking.modelVersion());
        assertEquals(List.of("follower", "popular"), ids(ranking));
        // follower: 0.8 * 1 (the only co-occurring item, scaled to 1) + 0.2 * (1 / 100)
        assertEquals(0.8 + 0.2 * 0.01, ranking.items().get(0).score(), TOLERANCE);
        // popular: no co-occurrence, 0.2 * 1
        assertEquals(0.2, ranking.items().get(1).score(), TOLERANCE);
        assertEquals(List.of("seen"), ranking.items().get(0).explanation().because());
        assertEquals(1.0, ranking.items().get(0).explanation().cooccurrence(), TOLERANCE);
        assertEquals(List.of(), ranking.items().get(1).explanation().because());
    }

    @Test
    void consumedAndExcludedItemsNeverReturned() {
        Catalog catalog = catalog(
                item("a", 50, Map.of()),
                item("b", 40, Map.of()),
                item("c", 30, Map.of("a", 2.0)),
                item("d", 20, Map.of("a", 1.0)),
                item("e", 10, Map.of()));
        UserState user = user("u1", view("a", 1), event("b", "dislike", 2));

        Ranking ranking = ranker.rank(RankRequest.topK(user, catalog, 10, Set.of("c", "a", "missing")));

        assertEquals(List.of("d", "e"), ids(ranking));
        assertEquals(2, ranking.filtered().consumed());
        assertEquals(1, ranking.filtered().excluded(), "'a' counts as consumed, 'missing' is not in the catalog");
        assertEquals(2, ranking.candidateCount());
    }

    @Test
    void newUserGetsPopularityMarkedAsSuch() {
        Catalog catalog = catalog(
                item("a", 5, Map.of()),
                item("b", 20, Map.of("a", 3.0)),
                item("c", 10, Map.of()));

        Ranking ranking = ranker.rank(RankRequest.topK(UserState.empty("newcomer"), catalog, 3, Set.of()));

        assertEquals(RankingStrategy.POPULARITY, ranking.strategy());
        assertEquals(BaselineRanker.POPULARITY_VERSION, ranking.modelVersion());
        assertEquals(List.of("b", "c", "a"), ids(ranking));
        assertEquals(1.0, ranking.items().get(0).score(), TOLERANCE);
        assertEquals(0.5, ranking.items().get(1).score(), TOLERANCE);
        assertEquals(0.25, ranking.items().get(2).score(), TOLERANCE);
        for (RankedItem item : ranking.items()) {
            assertEquals(0.0, item.explanation().cooccurrence());
            assertEquals(List.of(), item.explanation().because());
        }
    }

    @Test
    void historyWithoutPairsFallsBackToPopularity() {
        Catalog catalog = catalog(
                item("a", 5, Map.of()),
                item("b", 20, Map.of()),
                item("lonely", 1, Map.of()));
        UserState user = user("u1", view("lonely", 1));

        Ranking ranking = ranker.rank(RankRequest.topK(user, catalog, 5, Set.of()));

        assertEquals(RankingStrategy.POPULARITY, ranking.strategy());
        assertEquals(List.of("b", "a"), ids(ranking));
    }

    @Test
    void negativeFeedbackGivesNoCooccurrence() {
        Catalog catalog = catalog(
                item("skipped", 5, Map.of()),
                item("after-skipped", 1, Map.of("skipped", 4.0)),
                item("hot", 20, Map.of()));
        UserState user = user("u1", event("skipped", "skip", 1));

        Ranking ranking = ranker.rank(RankRequest.topK(user, catalog, 5, Set.of()));

        assertEquals(RankingStrategy.POPULARITY, ranking.strategy());
        assertEquals(List.of("hot", "after-skipped"), ids(ranking));
    }

    @Test
    void equalScoresOrderedByItemId() {
        List<ItemState> items = new ArrayList<>();
        for (String id : List.of("m", "c", "x", "a", "k", "b")) {
            items.add(item(id, 7, Map.of()));
        }
        List<String> expected = List.of("a", "b", "c", "k", "m", "x");

        Random random = new Random(42);
        for (int attempt = 0; attempt < 5; attempt++) {
            Collections.shuffle(items, random);
            Ranking ranking = ranker.rank(RankRequest.topK(UserState.empty("u1"), Catalog.of(items, HALF_LIFE), 6,
                    Set.of()));
            assertEquals(expected, ids(ranking), "catalog order " + items.stream().map(ItemState::itemId).toList());
        }

        Ranking firstThree = ranker.rank(RankRequest.topK(UserState.empty("u1"), Catalog.of(items, HALF_LIFE), 3,
                Set.of()));
        assertEquals(List.of("a", "b", "c"), ids(firstThree));
    }

    @Test
    void kLargerThanCatalogReturnsEveryEligibleItem() {
        Catalog catalog = catalog(item("a", 3, Map.of()), item("b", 2, Map.of()), item("c", 1, Map.of()));
        UserState user = user("u1", view("c", 1));

        Ranking ranking = ranker.rank(RankRequest.topK(user, catalog, 1000, Set.of()));

        assertEquals(List.of("a", "b"), ids(ranking));
        assertEquals(List.of(1, 2), ranking.items().stream().map(RankedItem::rank).toList());
    }

    @Test
    void recentItemsWeighMoreThanOlderOnes() {
        Catalog catalog = catalog(
                item("old", 1, Map.of()),
                item("new", 1, Map.of()),
                item("after-old", 1, Map.of("old", 3.0)),
                item("after-new", 1, Map.of("new", 3.0)),
                item("after-both", 1, Map.of("old", 1.0, "new", 1.0)));
        UserState user = user("u1", view("old", 1), view("new", 2));

        Ranking ranking = ranker.rank(RankRequest.topK(user, catalog, 3, Set.of()));

        // P(after-new | new) = 3/4 weighs 1; P(after-old | old) = 3/4 weighs 2^(-1/5), the default half-life.
        assertEquals(List.of("after-new", "after-old", "after-both"), ids(ranking));
        assertEquals(List.of("new", "old"), ranking.items().get(2).explanation().because());
        double weightOfOld = Math.pow(2, -1.0 / BaselineRankerConfig.defaults().recencyHalfLife());
        double afterOld = 0.75 * weightOfOld / 0.75;
        assertEquals(0.8 * afterOld + 0.2, ranking.items().get(1).score(), TOLERANCE);
    }

    @Test
    void rerankDropsDuplicatesAndListsUnknownItems() {
        Catalog catalog = catalog(
                item("a", 1, Map.of()),
                item("b", 4, Map.of()),
                item("c", 2, Map.of()));

        Ranking ranking = ranker.rank(RankRequest.rerank(UserState.empty("u1"), catalog,
                List.of("a", "ghost", "c", "a", "b", "phantom", "c"), 10, Set.of()));

        assertEquals(List.of("b", "c", "a"), ids(ranking));
        assertEquals(List.of("ghost", "phantom"), ranking.filtered().unknown());
        assertEquals(2, ranking.filtered().duplicates());
        assertEquals(3, ranking.candidateCount());
    }

    @Test
    void rerankScalesCooccurrenceWithinTheCandidates() {
        Catalog catalog = catalog(
                item("seen", 1, Map.of()),
                item("strong", 1, Map.of("seen", 9.0)),
                item("weak", 1, Map.of("seen", 1.0)));
        UserState user = user("u1", view("seen", 1));

        Ranking ranking = ranker.rank(RankRequest.rerank(user, catalog, List.of("weak"), 5, Set.of()));

        assertEquals(RankingStrategy.PERSONALIZED, ranking.strategy());
        assertEquals(1.0, ranking.items().get(0).explanation().cooccurrence(), TOLERANCE);
    }

    @Test
    void rerankOfWholeCatalogMatchesTopK() {
        Random random = new Random(11);
        List<ItemState> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Double> precededBy = new HashMap<>();
            for (int n = 0; n < 8; n++) {
                precededBy.put("i" + random.nextInt(60), 1.0 + random.nextInt(5));
            }
            items.add(item("i" + i, 1 + random.nextInt(100), precededBy));
        }
        Catalog catalog = Catalog.of(items, HALF_LIFE);
        UserState user = user("u1", view("i3", 1), view("i17", 2), event("i40", "skip", 3), view("i8", 4));
        List<String> everyItem = items.stream().map(ItemState::itemId).toList();

        Ranking topK = ranker.rank(RankRequest.topK(user, catalog, 20, Set.of()));
        Ranking rerank = ranker.rank(RankRequest.rerank(user, catalog, everyItem, 20, Set.of()));

        assertEquals(RankingStrategy.PERSONALIZED, topK.strategy());
        assertEquals(ids(topK), ids(rerank));
        for (int n = 0; n < topK.items().size(); n++) {
            assertEquals(topK.items().get(n).score(), rerank.items().get(n).score(), TOLERANCE);
            assertEquals(topK.items().get(n).explanation().because(), rerank.items().get(n).explanation().because());
        }
    }

    @Test
    void nonFiniteStateNeverBreaksTheOrder() {
        Catalog catalog = catalog(
                item("nan-heat", Double.NaN, Map.of("seen", Double.NaN)),
                item("infinite", Double.POSITIVE_INFINITY, Map.of("seen", Double.POSITIVE_INFINITY)),
                item("fine", 2, Map.of("seen", 1.0)),
                item("seen", 1, Map.of()));
        UserState user = user("u1", view("seen", 1));

        Ranking ranking = ranker.rank(RankRequest.topK(user, catalog, 5, Set.of()));

        assertEquals(List.of("fine", "infinite", "nan-heat"), ids(ranking));
        for (RankedItem item : ranking.items()) {
            assertTrue(Double.isFinite(item.score()), item.itemId() + " has score " + item.score());
        }
        assertEquals(0.0, ranking.items().get(1).explanation().popularity(), "infinite heat counts as no heat");
    }

    private static List<String> ids(Ranking ranking) {
        return ranking.items().stream().map(RankedItem::itemId).toList();
    }

    private static Catalog catalog(ItemState... items) {
        return Catalog.of(List.of(items), HALF_LIFE);
    }

    private static ItemState item(String id, double heat, Map<String, Double> precededBy) {
        return new ItemState(id, heat, HEAT_AT, Map.of("view", 1L), HEAT_AT, "Title " + id, List.of(), precededBy, 1);
    }

    private static RecentInteraction view(String itemId, long minute) {
        return event(itemId, "view", minute);
    }

    private static RecentInteraction event(String itemId, String type, long minute) {
        return new RecentInteraction("e-" + itemId + "-" + minute, itemId, type, HEAT_AT + minute * 60_000);
    }

    private static UserState user(String userId, RecentInteraction... recent) {
        return new UserState(userId, List.of(recent), Map.of(), HEAT_AT, HEAT_AT, new float[0], null, 3);
    }
}
