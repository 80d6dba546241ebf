package dev.streamrank.events.replay;

import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.EventTypes;
import dev.streamrank.events.movielens.MalformedLinePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one replay: the input, the slice, the target stream and the pacing. Start from {@link #movieLens(Path)} or {@link #eventsFile(Path)} and adjust
 * with the {@code with*} methods; each default is stated on its factory.
 *
 * @param movieLens          a MovieLens release directory, or null when replaying an events file
 * @param eventsFile         a JSON-lines events file ({@code -} for standard input), or null
 * @param datasetTag         the dataset part of MovieLens event ids; null for the directory name
 * @param limit              maximum events to send, 0 for all
 * @param users              only the events of the first this-many distinct users (in input order), 0 for all
 * @param stream             the Kinesis stream to write to
 * @param rate               maximum records per second, 0 for no limit
 * @param speed              replay with the gaps between event timestamps divided by this factor, 0 for off;
 *                           events are sorted by timestamp in memory first
 * @param maxGap             the longest single wait in {@code speed} mode
 * @param malformedLines     whether a malformed input line stops the replay or is skipped and reported
 * @param maxAttempts        PutRecords calls per batch including retries
 * @param itemsTable         DynamoDB items table to import the MovieLens catalog into first, or null for none
 * @param eventTypes         the accepted event types when reading an events file
 */
public record ReplayOptions(
        Path movieLens,
        Path eventsFile,
        String datasetTag,
        long limit,
        int users,
        String stream,
        double rate,
        double speed,
        Duration maxGap,
        MalformedLinePolicy malformedLines,
        int maxAttempts,
        String itemsTable,
        EventTypes eventTypes) {

    /** The path that stands for standard input in {@link #eventsFile}. */
    public static final Path STDIN = Path.of("-");

    public static final Duration DEFAULT_MAX_GAP = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public ReplayOptions {
        if ((movieLens == null) == (eventsFile == null)) {
            throw new IllegalArgumentException("give exactly one input: a MovieLens directory or an events file"
                    + " (given movieLens=" + movieLens + ", eventsFile=" + eventsFile + ")");
        }
        requireAtLeast("limit", limit, 0);
        requireAtLeast("users", users, 0);
        requireAtLeast("maxAttempts", maxAttempts, 1);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, 0 for no limit (given " + rate + ")");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number >= 0, 0 for off (given " + speed + ")");
        }
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(maxGap, "maxGap");
        Objects.requireNonNull(malformedLines, "malformedLines");
        Objects.requireNonNull(eventTypes, "eventTypes");
        if (maxGap.isNegative()) {
            throw new IllegalArgumentException("maxGap must not be negative (given " + maxGap + ")");
        }
        if (itemsTable != null && movieLens == null) {
            throw new IllegalArgumentException("a catalog import (itemsTable " + itemsTable
                    + ") needs a MovieLens directory; events files carry no catalog");
        }
    }

    /**
     * Replays a MovieLens directory to the default stream as fast as possible, failing at the first
     * malformed line, with {@value #DEFAULT_MAX_ATTEMPTS} attempts per batch and no catalog import.
     */
    public static ReplayOptions movieLens(Path directory) {
        return new ReplayOptions(Objects.requireNonNull(directory, "directory"), null, null, 0, 0,
                StreamRankResources.DEFAULT_INTERACTIONS_STREAM, 0, 0, DEFAULT_MAX_GAP, MalformedLinePolicy.FAIL_FAST,
                DEFAULT_MAX_ATTEMPTS, null, EventTypes.defaults());
    }

    /** Replays a JSON-lines events file ({@link #STDIN} for standard input) with the same defaults. */
    public static ReplayOptions eventsFile(Path file) {
        return new ReplayOptions(null, Objects.requireNonNull(file, "file"), null, 0, 0,
                StreamRankResources.DEFAULT_INTERACTIONS_STREAM, 0, 0, DEFAULT_MAX_GAP, MalformedLinePolicy.FAIL_FAST,
                DEFAULT_MAX_ATTEMPTS, null, EventTypes.defaults());
    }

    public ReplayOptions withDatasetTag(String tag) {
        return new ReplayOptions(movieLens, eventsFile, tag, limit, users, stream, rate, speed, maxGap,
                malformedLines, maxAttempts, itemsTable, eventTypes);
    }

    public ReplayOptions withLimit(long maxEvents) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, maxEvents, users, stream, rate, speed, maxGap,
                malformedLines, maxAttempts, itemsTable, eventTypes);
    }

    public ReplayOptions withUsers(int firstUsers) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, firstUsers, stream, rate, speed, maxGap,
                malformedLines, maxAttempts, itemsTable, eventTypes);
    }

    public ReplayOptions withStream(String streamName) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, users, streamName, rate, speed, maxGap,
                malformedLines, maxAttempts, itemsTable, eventTypes);
    }

    public ReplayOptions withRate(double recordsPerSecond) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, users, stream, recordsPerSecond, speed,
                maxGap, malformedLines, maxAttempts, itemsTable, eventTypes);
    }

    public ReplayOptions withSpeed(double factor, Duration longestGap) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, users, stream, rate, factor, longestGap,
                malformedLines, maxAttempts, itemsTable, eventTypes);
    }

    public ReplayOptions withMalformedLines(MalformedLinePolicy policy) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, users, stream, rate, speed, maxGap,
                policy, maxAttempts, itemsTable, eventTypes);
    }

    public ReplayOptions withMaxAttempts(int attempts) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, users, stream, rate, speed, maxGap,
                malformedLines, attempts, itemsTable, eventTypes);
    }

    /** Imports the MovieLens catalog into this items table before sending events. */
    public ReplayOptions withItemsTable(String table) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, users, stream, rate, speed, maxGap,
                malformedLines, maxAttempts, table, eventTypes);
    }

    public ReplayOptions withEventTypes(EventTypes types) {
        return new ReplayOptions(movieLens, eventsFile, datasetTag, limit, users, stream, rate, speed, maxGap,
                malformedLines, maxAttempts, itemsTable, types);
    }

    private static void requireAtLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + " (given " + value + ")");
        }
    }
}
