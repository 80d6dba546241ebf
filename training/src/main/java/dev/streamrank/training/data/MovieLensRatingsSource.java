package dev.streamrank.training.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ratings.csv} of a MovieLens "latest" directory (header
 * {@code userId,movieId,rating,timestamp}, epoch-second timestamps, CRLF or LF line endings).
 *
 * <p>Every rating counts as one interaction, whatever its value.
 */
public final class MovieLensRatingsSource implements InteractionSource {

    private static final String HEADER = "userId,movieId,rating,timestamp";

    private final Path ratings;

    public MovieLensRatingsSource(Path directory) {
        this.ratings = directory.resolve("ratings.csv");
    }

    @Override
    public List<TimedItem> read() throws IOException {
        if (!Files.isRegularFile(ratings)) {
            throw new IOException("MovieLens ratings file not found: " + ratings
                    + "; pass the directory that contains ratings.csv (for example ml-latest-small)");
        }

        List<TimedItem> items = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(ratings, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new IOException(ratings + ": expected header '" + HEADER + "', found '" + header + "'");
            }
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                items.add(parse(line, lineNumber, items.size()));
            }
        }
        return items;
    }

    private TimedItem parse(String line, int lineNumber, long arrival) throws IOException {
        String[] fields = line.split(",");
        if (fields.length != 4) {
            throw new IOException(ratings + " line " + lineNumber + ": expected 4 comma-separated fields, found "
                    + fields.length + " in '" + line + "'");
        }
        try {
            long epochSeconds = Long.parseLong(fields[3]);
            return new TimedItem(fields[0], fields[1], epochSeconds * 1000L, arrival);
        } catch (NumberFormatException e) {
            throw new IOException(ratings + " line " + lineNumber + ": timestamp '" + fields[3]
                    + "' is not an integer number of epoch seconds", e);
        }
    }

    @Override
    public String describe() {
        return ratings.toString();
    }
}
