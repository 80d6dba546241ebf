package dev.streamrank.events.movielens;

import dev.streamrank.event.EventType;
import dev.streamrank.event.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Converts single MovieLens rows; every rule broken becomes an {@link InvalidRowException} with the value. */
final class MovieLensRows {

    static final List<String> RATINGS_CSV_HEADER = List.of("userId", "movieId", "rating", "timestamp");
    static final List<String> MOVIES_CSV_HEADER = List.of("movieId", "title", "genres");

    /** The genre columns of ml-100k's {@code u.item}, in order, as its {@code u.genre} lists them. */
    static final List<String> U_ITEM_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    /** movieId, title, release date, video release date, IMDb URL, then one flag per genre. */
    static final int U_ITEM_FIXED_COLUMNS = 5;

    /** The placeholder the CSV releases use for a movie without genres. */
    static final String NO_GENRES = "(no genres listed)";

    /** MovieLens ratings are 0.5 to 5 stars (half stars since ml-10m, whole stars before). */
    static final double MIN_RATING = 0.5;
    static final double MAX_RATING = 5.0;

    /** Epoch seconds at or above this (the year 5138) are taken for milliseconds written by mistake. */
    static final long EPOCH_SECONDS_LIMIT = 100_000_000_000L;

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private MovieLensRows() {
    }

    /**
     * Converts {@code userId, movieId, rating, timestamp} into a rating event.
     *
     * @param eventIdPrefix prefix of the deterministic event id, for example {@code ml-latest-small}
     */
    static Interaction rating(SourceRow row, String eventIdPrefix) throws InvalidRowException {
        columns(row, 4, "userId, movieId, rating, timestamp");

        String userId = id(row.field(0), "userId");
        String movieId = id(row.field(1), "movieId");
        double rating = rating(row.field(2));
        long epochSeconds = epochSeconds(row.field(3));

        // One rating per user and movie in MovieLens; the timestamp keeps ids unique if a user re-rates.
        String eventId = eventIdPrefix + "-" + userId + "-" + movieId + "-" + epochSeconds;
        return Interaction.of(eventId, userId, movieId, EventType.RATING.wireName(), rating,
                Instant.ofEpochSecond(epochSeconds));
    }

    /** Converts a {@code movies.csv} row: movieId, title, pipe-separated genres. */
    static CatalogItem csvMovie(SourceRow row) throws InvalidRowException {
        columns(row, 3, "movieId, title, genres");
        return new CatalogItem(id(row.field(0), "movieId"), title(row.field(1)), genres(row.field(2)));
    }

    /** Converts a {@code movies.dat} row: MovieID::Title::Genres. */
    static CatalogItem datMovie(SourceRow row) throws InvalidRowException {
        columns(row, 3, "MovieID::Title::Genres");
        return new CatalogItem(id(row.field(0), "MovieID"), title(row.field(1)), genres(row.field(2)));
    }

    /** Converts a {@code u.item} row; a flag of 1 in genre column i means {@code genreNames.get(i)}. */
    static CatalogItem uItem(SourceRow row, List<String> genreNames) throws InvalidRowException {
        int expected = U_ITEM_FIXED_COLUMNS + genreNames.size();
        columns(row, expected, "movie id | title | release date | video release date | IMDb URL | "
                + genreNames.size() + " genre flags");

        List<String> genres = new ArrayList<>();
        for (int i = 0; i < genreNames.size(); i++) {
            String flag = row.field(U_ITEM_FIXED_COLUMNS + i).trim();
            if (flag.equals("1")) {
                genres.add(genreNames.get(i));
            } else if (!flag.equals("0")) {
                throw new InvalidRowException("genre flag for " + genreNames.get(i) + " is '" + flag
                        + "', expected 0 or 1");
            }
        }
        return new CatalogItem(id(row.field(0), "movie id"), title(row.field(1)), genres);
    }

    /** Reads a {@code u.genre} row, {@code name|index}, checking the index is the row's position. */
    static String uGenre(SourceRow row, int position) throws InvalidRowException {
        columns(row, 2, "genre name | index");
        String name = row.field(0).trim();
        if (name.isEmpty()) {
            throw new InvalidRowException("genre name is empty");
        }
        if (!row.field(1).trim().equals(Integer.toString(position))) {
            throw new InvalidRowException("genre index is '" + row.field(1) + "', expected " + position
                    + " (genres must be listed in column order)");
        }
        return name;
    }

    private static void columns(SourceRow row, int expected, String layout) throws InvalidRowException {
        if (row.size() != expected) {
            throw new InvalidRowException("expected " + expected + " fields (" + layout + "), found " + row.size()
                    + ": " + abbreviate(String.join("|", row.fields())));
        }
    }

    private static String id(String text, String column) throws InvalidRowException {
        String trimmed = text.trim();
        if (!ID.matcher(trimmed).matches()) {
            throw new InvalidRowException(column + " '" + abbreviate(text) + "' is not a MovieLens id"
                    + " (a non-negative integer)");
        }
        return trimmed;
    }

    private static double rating(String text) throws InvalidRowException {
        double rating;
        try {
            rating = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRowException("rating '" + abbreviate(text) + "' is not a number");
        }
        if (!(rating >= MIN_RATING && rating <= MAX_RATING)) {
            throw new InvalidRowException("rating " + abbreviate(text) + " is outside the MovieLens scale "
                    + MIN_RATING + " to " + MAX_RATING);
        }
        return rating;
    }

    private static long epochSeconds(String text) throws InvalidRowException {
        String trimmed = text.trim();
        if (!ID.matcher(trimmed).matches()) {
            throw new InvalidRowException("timestamp '" + abbreviate(text) + "' is not epoch seconds"
                    + " (a non-negative integer)");
        }
        long seconds = Long.parseLong(trimmed);
        if (seconds >= EPOCH_SECONDS_LIMIT) {
            throw new InvalidRowException("timestamp " + trimmed + " looks like epoch milliseconds; MovieLens"
                    + " timestamps are epoch seconds");
        }
        return seconds;
    }

    private static String title(String text) throws InvalidRowException {
        String title = text.strip();
        if (title.isEmpty()) {
            throw new InvalidRowException("title is empty");
        }
        return title;
    }

    private static List<String> genres(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equals(NO_GENRES)) {
            return List.of();
        }
        return Arrays.stream(trimmed.split("\\|")).map(String::strip).filter(genre -> !genre.isEmpty()).toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
