package dev.streamrank.events.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamrank.event.Interaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real ml-latest-small release and checks the counts GroupLens publishes for it. Skipped
 * when the data directory (system property {@code streamrank.data} or env {@code STREAMRANK_DATA})
 * does not hold ml-latest-small.
 */
class MovieLensRealDataTest {

    private static Path directory;

    @BeforeAll
    static void locateData() {
        String root = System.getProperty("streamrank.data", System.getenv("STREAMRANK_DATA"));
        assumeTrue(root != null, "set -Dstreamrank.data or STREAMRANK_DATA to the folder holding ml-latest-small");
        directory = Path.of(root, "ml-latest-small");
        assumeTrue(Files.isRegularFile(directory.resolve("ratings.csv")),
                "MovieLens ml-latest-small not found under " + directory + "; skipping the real-data checks");
    }

    @Test
    void readsAllRatingsOfMlLatestSmall() {
        MovieLensDataset dataset = MovieLensDataset.open(directory);
        Set<String> users = new HashSet<>();
        Set<String> movies = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        DoubleSummaryStatistics values = new DoubleSummaryStatistics();
        long count = 0;
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;

        try (Stream<Interaction> ratings = dataset.ratings()) {
            Iterator<Interaction> iterator = ratings.iterator();
            while (iterator.hasNext()) {
                Interaction rating = iterator.next();
                count++;
                users.add(rating.userId());
                movies.add(rating.itemId());
                eventIds.add(rating.eventId());
                values.accept(rating.value());
                first = rating.timestamp().isBefore(first) ? rating.timestamp() : first;
                last = rating.timestamp().isAfter(last) ? rating.timestamp() : last;
            }
        }

        assertEquals(MovieLensLayout.CSV, dataset.layout());
        assertEquals(100_836, count);
        assertEquals(610, users.size());
        assertEquals(9_724, movies.size());
        assertEquals(count, eventIds.size(), "event ids are unique");
        assertEquals(0.5, values.getMin());
        assertEquals(5.0, values.getMax());
        assertEquals(Instant.ofEpochSecond(828_124_615), first);
        assertEquals(Instant.ofEpochSecond(1_537_799_250), last);
        assertEquals(0, dataset.report().count());
    }

    @Test
    void readsTheCatalogOfMlLatestSmall() {
        MovieLensDataset dataset = MovieLensDataset.open(directory);
        Map<String, CatalogItem> catalog = new HashMap<>();
        Set<String> rated = new HashSet<>();

        try (Stream<CatalogItem> items = dataset.catalog()) {
            items.forEach(item -> catalog.put(item.itemId(), item));
        }
        try (Stream<Interaction> ratings = dataset.ratings()) {
            ratings.forEach(rating -> rated.add(rating.itemId()));
        }

        assertEquals(9_742, catalog.size());
        assertTrue(catalog.keySet().containsAll(rated), "every rated movie is in the catalog");
        assertEquals(new CatalogItem("11", "American President, The (1995)", List.of("Comedy", "Drama", "Romance")),
                catalog.get("11"));
        assertEquals("Misérables, Les (1995)", catalog.get("73").title());
        assertEquals(34, catalog.values().stream().filter(item -> item.genres().isEmpty()).count(),
                "movies with (no genres listed)");
        assertEquals(0, dataset.report().count());
    }
}
