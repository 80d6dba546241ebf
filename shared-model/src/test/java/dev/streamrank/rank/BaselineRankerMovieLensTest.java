package dev.streamrank.rank;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamrank.event.Interaction;
import dev.streamrank.feature.FeatureConfig;
import dev.streamrank.feature.ItemStateUpdater;
import dev.streamrank.feature.UserStateUpdater;
import dev.streamrank.feature.UserUpdate;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.UserState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks on MovieLens ml-latest-small that the baseline earns its name: held-out next items are
 * found more often by co-occurrence than by popularity alone.
 *
 * <p>Protocol: each user's chronologically last rating is held out (ties broken by item id) and
 * evaluated only when it is 4 stars or more. All other ratings build user and item state through
 * the same pure updaters the preprocess function uses. The metric is hit rate at 10 over the
 * whole catalog, with consumed items filtered. Skipped when the data set is absent.
 */
class BaselineRankerMovieLensTest {

    private static final int K = 10;

    @Test
    void cooccurrenceBeatsPopularityOnHeldOutItems() throws IOException {
        Path ratings = dataDirectory().resolve("ml-latest-small/ratings.csv");
        assumeTrue(Files.exists(ratings), "MovieLens ratings not found at " + ratings
                + "; set -Dstreamrank.data or STREAMRANK_DATA to the folder holding ml-latest-small");

        Map<String, List<Interaction>> byUser = readRatings(ratings);
        FeatureConfig features = FeatureConfig.defaults();

        Map<String, Interaction> heldOut = new HashMap<>();
        for (Map.Entry<String, List<Interaction>> user : byUser.entrySet()) {
            List<Interaction> events = user.getValue();
            Interaction last = events.remove(events.size() - 1);
            if (last.value() >= 4.0) {
                heldOut.put(user.getKey(), last);
            }
        }

        Map<String, UserState> users = new HashMap<>();
        Map<String, List<UserUpdate.AppliedEvent>> appliedByItem = new HashMap<>();
        UserStateUpdater userUpdater = new UserStateUpdater(features);
        for (Map.Entry<String, List<Interaction>> user : byUser.entrySet()) {
            UserUpdate update = userUpdater.apply(UserState.empty(user.getKey()), user.getValue());
            users.put(user.getKey(), update.state());
            for (UserUpdate.AppliedEvent applied : update.applied()) {
                appliedByItem.computeIfAbsent(applied.event().itemId(), id -> new ArrayList<>()).add(applied);
            }
        }

        ItemStateUpdater itemUpdater = new ItemStateUpdater(features);
        List<ItemState> items = new ArrayList<>();
        appliedByItem.forEach((itemId, applied) -> {
            applied.sort(Comparator.comparingLong(event -> event.event().timestampMillis()));
            items.add(itemUpdater.apply(ItemState.empty(itemId), applied));
        });
        Catalog catalog = Catalog.of(items, features.heatHalfLife());

        BaselineRanker baseline = new BaselineRanker(BaselineRankerConfig.defaults(), features.eventTypes());
        BaselineRanker popularity = new BaselineRanker(new BaselineRankerConfig(1.0, 50, 10.0, 0),
                features.eventTypes());
        int baselineHits = 0;
        int popularityHits = 0;
        for (Map.Entry<String, Interaction> target : heldOut.entrySet()) {
            UserState user = users.get(target.getKey());
            String expected = target.getValue().itemId();
            baselineHits += hit(baseline.rank(RankRequest.topK(user, catalog, K, Set.of())), expected);
            popularityHits += hit(popularity.rank(RankRequest.topK(user, catalog, K, Set.of())), expected);
        }

        double baselineRate = (double) baselineHits / heldOut.size();
        double popularityRate = (double) popularityHits / heldOut.size();
        System.out.printf("{\"dataset\":\"ml-latest-small\",\"evaluatedUsers\":%d,\"catalogSize\":%d,"
                + "\"hitRateAt10\":{\"baseline\":%.4f,\"popularity\":%.4f}}%n", heldOut.size(), catalog.size(),
                baselineRate, popularityRate);
        assertTrue(heldOut.size() > 100, "expected a few hundred evaluated users, found " + heldOut.size());
        assertTrue(baselineRate > popularityRate, "baseline hit rate " + baselineRate
                + " should exceed popularity " + popularityRate);
    }

    private static int hit(Ranking ranking, String expected) {
        return ranking.items().stream().anyMatch(item -> item.itemId().equals(expected)) ? 1 : 0;
    }

    /** Reads ratings.csv (header, CRLF line endings, epoch seconds) as rating events per user, in time order. */
    private static Map<String, List<Interaction>> readRatings(Path file) throws IOException {
        Map<String, List<Interaction>> byUser = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",");
            Interaction event = Interaction.of("ml-" + n, fields[0], fields[1], "rating",
                    Double.parseDouble(fields[2]), Instant.ofEpochSecond(Long.parseLong(fields[3])));
            byUser.computeIfAbsent(fields[0], id -> new ArrayList<>()).add(event);
        }
        Comparator<Interaction> order = Comparator.comparing(Interaction::timestamp)
                .thenComparing(Interaction::itemId);
        byUser.values().forEach(events -> events.sort(order));
        return byUser;
    }

    private static Path dataDirectory() {
        String property = System.getProperty("streamrank.data");
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        String environment = System.getenv("STREAMRANK_DATA");
        return Paths.get(environment == null ? "../shared/data" : environment);
    }
}
