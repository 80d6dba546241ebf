package dev.streamrank.events.movielens;

import dev.streamrank.event.Interaction;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A MovieLens release on disk, read as rating events and catalog items.
 *
 * <p>Both {@link #ratings()} and {@link #catalog()} stream their file in file order without loading it
 * (ml-32m has 32 million ratings); close the returned stream, for example in try-with-resources. Each
 * call opens the file anew. Lines that cannot be converted go to {@link #report()} under the
 * {@link MalformedLinePolicy} given at {@link #open}.
 *
 * <p>Event ids are deterministic, {@code ml-<tag>-<userId>-<movieId>-<epochSeconds>}, so importing the
 * same release twice produces the same ids and the de-duplication table drops the second copy. The
 * tag defaults to the directory name without a leading {@code ml-} (so {@code ml-latest-small} gives
 * {@code ml-latest-small-1-1-964982703}).
 */
public final class MovieLensDataset {

    /** Maximum tag length, which keeps event ids well inside their 256-character limit. */
    public static final int MAX_TAG_LENGTH = 64;

    private final Path directory;
    private final MovieLensLayout layout;
    private final String tag;
    private final MalformedLineReport report;

    private MovieLensDataset(Path directory, MovieLensLayout layout, String tag, MalformedLineReport report) {
        this.directory = directory;
        this.layout = layout;
        this.tag = tag;
        this.report = report;
    }

    /** Opens a release directory, failing at the first malformed line. */
    public static MovieLensDataset open(Path directory) {
        return open(directory, MalformedLinePolicy.FAIL_FAST);
    }

    /** Opens a release directory with a tag taken from the directory name. */
    public static MovieLensDataset open(Path directory, MalformedLinePolicy policy) {
        return open(directory, policy, null);
    }

    /**
     * Opens a release directory.
     *
     * @param tag the dataset part of event ids: 1-64 of {@code a-z 0-9 . _ -}; null for the directory name
     * @throws IllegalArgumentException when no layout matches the directory or the tag is invalid
     */
    public static MovieLensDataset open(Path directory, MalformedLinePolicy policy, String tag) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(policy, "policy");
        MovieLensLayout layout = MovieLensLayout.detect(directory);
        String checkedTag = tag == null ? defaultTag(directory) : checkTag(tag);
        return new MovieLensDataset(directory, layout, checkedTag, new MalformedLineReport(policy));
    }

    public Path directory() {
        return directory;
    }

    public MovieLensLayout layout() {
        return layout;
    }

    public String tag() {
        return tag;
    }

    /** Returns the report of malformed lines of every stream opened from this dataset so far. */
    public MalformedLineReport report() {
        return report;
    }

    /** Returns the event id prefix, {@code ml-<tag>}. */
    public String eventIdPrefix() {
        return "ml-" + tag;
    }

    /** Streams the ratings as {@code rating} events in file order. Close the stream when done. */
    public Stream<Interaction> ratings() {
        Path file = directory.resolve(layout.ratingsFile());
        String prefix = eventIdPrefix();
        ConvertedRows.Converter<Interaction> converter = row -> MovieLensRows.rating(row, prefix);
        // The ratings files hold only ASCII digits and separators, so UTF-8 reads every release.
        return switch (layout) {
            case CSV -> ConvertedRows.stream(new CsvRowReader(file, StandardCharsets.UTF_8),
                    MovieLensRows.RATINGS_CSV_HEADER, converter, report);
            case DAT -> ConvertedRows.stream(new DelimitedRowReader(file, StandardCharsets.UTF_8, "::"),
                    null, converter, report);
            case U_DATA -> ConvertedRows.stream(new DelimitedRowReader(file, StandardCharsets.UTF_8, "\t"),
                    null, converter, report);
        };
    }

    /** Streams the catalog in file order. Close the stream when done. */
    public Stream<CatalogItem> catalog() {
        Path file = directory.resolve(layout.catalogFile());
        Charset charset = TextEncoding.detect(file);
        return switch (layout) {
            case CSV -> ConvertedRows.stream(new CsvRowReader(file, charset), MovieLensRows.MOVIES_CSV_HEADER,
                    MovieLensRows::csvMovie, report);
            case DAT -> ConvertedRows.stream(new DelimitedRowReader(file, charset, "::"), null,
                    MovieLensRows::datMovie, report);
            case U_DATA -> {
                List<String> genreNames = uGenres();
                yield ConvertedRows.stream(new DelimitedRowReader(file, charset, "|"), null,
                        row -> MovieLensRows.uItem(row, genreNames), report);
            }
        };
    }

    /** Reads genre names from {@code u.genre} when present, else uses the 19 names of ml-100k. */
    private List<String> uGenres() {
        Path file = directory.resolve("u.genre");
        if (!Files.isRegularFile(file)) {
            return MovieLensRows.U_ITEM_GENRES;
        }

        List<String> names = new ArrayList<>();
        try (DelimitedRowReader rows = new DelimitedRowReader(file, TextEncoding.detect(file), "|")) {
            while (rows.hasNext()) {
                SourceRow row = rows.next();
                try {
                    names.add(MovieLensRows.uGenre(row, names.size()));
                } catch (InvalidRowException e) {
                    // A broken genre list would shift every genre of every movie, so it always stops the import.
                    throw new MalformedLineException(new MalformedLine(rows.fileName(), row.line(), e.getMessage()));
                }
            }
        }
        if (names.isEmpty()) {
            throw new MalformedLineException(new MalformedLine(file.toString(), 1,
                    "u.genre lists no genres; remove the file to use the 19 standard ml-100k genres"));
        }
        return List.copyOf(names);
    }

    private static String defaultTag(Path directory) {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        String text = name == null ? "movielens" : name.toString().toLowerCase(Locale.ROOT);
        text = text.replaceAll("[^a-z0-9._-]", "-");
        if (text.startsWith("ml-") && text.length() > 3) {
            text = text.substring(3);
        }
        return text.length() > MAX_TAG_LENGTH ? text.substring(0, MAX_TAG_LENGTH) : text;
    }

    private static String checkTag(String tag) {
        if (!tag.matches("[a-z0-9._-]{1," + MAX_TAG_LENGTH + "}")) {
            throw new IllegalArgumentException("invalid dataset tag '" + tag + "': use 1-" + MAX_TAG_LENGTH
                    + " characters from a-z, 0-9, '.', '_' and '-', for example latest-small");
        }
        return tag;
    }
}
