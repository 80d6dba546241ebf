package dev.streamrank.events.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.Interaction;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MovieLensDatasetTest {

    @Test
    void detectsEachLayoutFromItsFiles() {
        assertEquals(MovieLensLayout.CSV, MovieLensLayout.detect(fixture("csv")));
        assertEquals(MovieLensLayout.DAT, MovieLensLayout.detect(fixture("dat")));
        assertEquals(MovieLensLayout.U_DATA, MovieLensLayout.detect(fixture("u")));
    }

    @Test
    void rejectsDirectoryWithoutMovieLensFiles() {
        Path directory = fixture("empty");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MovieLensDataset.open(directory));

        assertTrue(error.getMessage().contains(directory.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("ratings.csv and movies.csv"), error.getMessage());
        assertTrue(error.getMessage().contains("ratings.dat and movies.dat"), error.getMessage());
        assertTrue(error.getMessage().contains("u.data and u.item"), error.getMessage());
    }

    @Test
    void rejectsHalfOfALayoutNamingTheMissingFile() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MovieLensDataset.open(fixture("half")));

        assertTrue(error.getMessage().contains("contains ratings.dat but not movies.dat"), error.getMessage());
    }

    @Test
    void rejectsMissingDirectory() {
        Path missing = fixture("csv").resolveSibling("no-such-release");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MovieLensDataset.open(missing));

        assertTrue(error.getMessage().contains(missing + " does not exist"), error.getMessage());
    }

    @Test
    void readsCsvRatingsWithCrlfInFileOrder() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("csv"));

        List<Interaction> ratings = ratings(dataset);

        assertEquals(5, ratings.size());
        Interaction first = ratings.get(0);
        assertEquals("ml-csv-1-1-964982703", first.eventId());
        assertEquals("1", first.userId());
        assertEquals("1", first.itemId());
        assertEquals("rating", first.type());
        assertEquals(4.0, first.value());
        assertEquals(Instant.ofEpochSecond(964982703), first.timestamp());
        assertEquals(List.of("1", "11", "6016", "176601", "1"), ratings.stream().map(Interaction::itemId).toList());
        assertEquals(0.5, ratings.get(1).value());
        assertEquals(Instant.ofEpochSecond(1537799250), ratings.get(3).timestamp());
        assertEquals(0, dataset.report().count());
    }

    @Test
    void readsQuotedCsvTitlesAndGenres() {
        Map<String, CatalogItem> catalog = catalog(MovieLensDataset.open(fixture("csv")));

        assertEquals(6, catalog.size());
        assertEquals(new CatalogItem("11", "American President, The (1995)", List.of("Comedy", "Drama", "Romance")),
                catalog.get("11"));
        assertEquals("11'09\"01 - September 11 (2002)", catalog.get("5416").title());
        assertEquals("Misérables, Les (1995)", catalog.get("2925").title());
        assertEquals(List.of("Adventure", "Animation", "Children", "Comedy", "Fantasy"), catalog.get("1").genres());
        assertEquals(List.of(), catalog.get("176601").genres(), "(no genres listed) means none");
    }

    @Test
    void readsDatLayoutWithLatin1Titles() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("dat"));

        List<Interaction> ratings = ratings(dataset);
        Map<String, CatalogItem> catalog = catalog(dataset);

        assertEquals(3, ratings.size());
        assertEquals("ml-dat-1-1193-978300760", ratings.get(0).eventId());
        assertEquals(5.0, ratings.get(0).value());
        assertEquals("6040", ratings.get(2).userId());
        assertEquals(4, catalog.size());
        assertEquals("Misérables, Les (1995)", catalog.get("73").title());
        assertEquals(List.of("Animation", "Children's", "Musical"), catalog.get("661").genres());
        assertEquals("One Flew Over the Cuckoo's Nest (1975)", catalog.get("1193").title());
    }

    @Test
    void readsUDataLayoutWithGenreFlags() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("u"));

        List<Interaction> ratings = ratings(dataset);
        Map<String, CatalogItem> catalog = catalog(dataset);

        assertEquals(List.of("196", "186", "22"), ratings.stream().map(Interaction::userId).toList());
        assertEquals("ml-u-22-377-878887116", ratings.get(2).eventId());
        assertEquals(1.0, ratings.get(2).value());
        assertEquals(6, catalog.size());
        assertEquals(List.of("Crime", "Film-Noir", "Mystery", "Thriller"), catalog.get("302").genres());
        assertEquals(List.of("Children's", "Comedy"), catalog.get("377").genres());
        assertEquals("Á köldum klaka (Cold Fever) (1994)", catalog.get("1633").title());
        assertEquals(new CatalogItem("267", "unknown", List.of("unknown")), catalog.get("267"));
    }

    @Test
    void usesStandardGenresWithoutGenreFile() {
        Map<String, CatalogItem> withFile = catalog(MovieLensDataset.open(fixture("u")));
        Map<String, CatalogItem> withoutFile = catalog(MovieLensDataset.open(fixture("u-without-genre-file")));

        assertEquals(withFile, withoutFile);
    }

    @Test
    void derivesDeterministicEventIds() {
        List<String> first = ratings(MovieLensDataset.open(fixture("csv"))).stream().map(Interaction::eventId).toList();
        List<String> second = ratings(MovieLensDataset.open(fixture("csv"))).stream().map(Interaction::eventId).toList();
        List<String> tagged = ratings(MovieLensDataset.open(fixture("csv"), MalformedLinePolicy.FAIL_FAST, "small"))
                .stream().map(Interaction::eventId).toList();

        assertEquals(first, second);
        assertEquals("ml-small-1-1-964982703", tagged.get(0));
        assertEquals(first.size(), first.stream().distinct().count());
    }

    @Test
    void rejectsInvalidTag() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MovieLensDataset.open(fixture("csv"), MalformedLinePolicy.FAIL_FAST, "Latest Small"));

        assertTrue(error.getMessage().contains("invalid dataset tag 'Latest Small'"), error.getMessage());
    }

    @Test
    void stopsAtFirstMalformedLineWhenFailingFast() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("malformed"), MalformedLinePolicy.FAIL_FAST);

        MalformedLineException error = assertThrows(MalformedLineException.class, () -> ratings(dataset));

        assertEquals(3, error.malformedLine().line());
        assertTrue(error.malformedLine().file().endsWith("ratings.csv"), error.malformedLine().file());
        assertTrue(error.getMessage().contains("ratings.csv:3: expected 4 fields"), error.getMessage());
        assertEquals(1, dataset.report().count());
    }

    @Test
    void reportsEveryMalformedLineWhenSkipping() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("malformed"), MalformedLinePolicy.SKIP_AND_REPORT);

        List<Interaction> ratings = ratings(dataset);
        List<MalformedLine> malformed = dataset.report().samples();

        assertEquals(List.of("1", "2"), ratings.stream().map(Interaction::userId).toList());
        assertEquals(6, dataset.report().count());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L), malformed.stream().map(MalformedLine::line).toList());
        assertReason(malformed.get(0), "expected 4 fields (userId, movieId, rating, timestamp), found 3");
        assertReason(malformed.get(1), "userId 'x' is not a MovieLens id");
        assertReason(malformed.get(2), "rating 'seven' is not a number");
        assertReason(malformed.get(3), "rating 7.0 is outside the MovieLens scale 0.5 to 5.0");
        assertReason(malformed.get(4), "timestamp 964982703000 looks like epoch milliseconds");
        assertReason(malformed.get(5), "timestamp 'yesterday' is not epoch seconds");
    }

    @Test
    void reportsMalformedCatalogLines() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("malformed"), MalformedLinePolicy.SKIP_AND_REPORT);

        Map<String, CatalogItem> catalog = catalog(dataset);
        List<MalformedLine> malformed = dataset.report().samples();

        assertEquals(List.of("1"), List.copyOf(catalog.keySet()));
        assertEquals(2, malformed.size());
        assertReason(malformed.get(0), "movieId 'two' is not a MovieLens id");
        assertReason(malformed.get(1), "title is empty");
        assertEquals(4, malformed.get(1).line());
    }

    @Test
    void reportsWrongHeaderRow() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("wrong-header"), MalformedLinePolicy.FAIL_FAST);

        MalformedLineException error = assertThrows(MalformedLineException.class, () -> ratings(dataset));

        assertTrue(error.getMessage().contains("ratings.csv:1: header row is user,movie,rating,time, expected"
                + " userId,movieId,rating,timestamp"), error.getMessage());
    }

    @Test
    void stopsAtBrokenQuoteEvenWhenSkipping() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("broken-quote"), MalformedLinePolicy.SKIP_AND_REPORT);

        MalformedLineException error = assertThrows(MalformedLineException.class, () -> catalog(dataset));

        assertTrue(error.getMessage().contains("invalid CSV, cannot read further"), error.getMessage());
        assertTrue(error.getMessage().contains("movies.csv:"), error.getMessage());
    }

    @Test
    void streamsLazilyWithoutReadingAhead() {
        MovieLensDataset dataset = MovieLensDataset.open(fixture("malformed"), MalformedLinePolicy.FAIL_FAST);

        try (Stream<Interaction> ratings = dataset.ratings()) {
            Iterator<Interaction> iterator = ratings.iterator();
            assertEquals("ml-malformed-1-1-964982703", iterator.next().eventId());
            assertEquals(0, dataset.report().count(), "the bad line 3 is not read before it is asked for");
        }
    }

    private static void assertReason(MalformedLine line, String fragment) {
        assertTrue(line.reason().contains(fragment), line + " should contain '" + fragment + "'");
    }

    static List<Interaction> ratings(MovieLensDataset dataset) {
        try (Stream<Interaction> ratings = dataset.ratings()) {
            return ratings.toList();
        }
    }

    static Map<String, CatalogItem> catalog(MovieLensDataset dataset) {
        try (Stream<CatalogItem> items = dataset.catalog()) {
            return items.collect(Collectors.toMap(CatalogItem::itemId, Function.identity(), (a, b) -> a,
                    java.util.LinkedHashMap::new));
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(MovieLensDatasetTest.class.getResource("/movielens/" + name + "/").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
