package dev.streamrank.events.replay;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.EventTypes;
import dev.streamrank.events.movielens.MalformedLinePolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: sends a MovieLens release or a JSON-lines events file to the interactions stream.
 *
 * <p>Shows progress on standard error and prints one JSON summary line on standard output. Exit codes:
 * 0 when every event was sent, 1 when any record failed, any line was malformed or the replay stopped
 * early, 2 for invalid options. The work is done by {@link KinesisReplayer}, which other commands and
 * the demo call in-process.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replays MovieLens ratings or a JSON-lines events file into the interactions Kinesis stream.")
public final class ReplayCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--movielens", paramLabel = "DIR", required = true,
                description = "MovieLens release directory (ratings.csv, ratings.dat or u.data with its catalog).")
        Path movieLens;

        @Option(names = "--events", paramLabel = "FILE", required = true,
                description = "JSON-lines events file, one event per line; - reads standard input.")
        Path events;
    }

    @Option(names = "--stream", paramLabel = "NAME",
            description = "Kinesis stream. Default: STREAMRANK_INTERACTIONS_STREAM or ${DEFAULT-VALUE}.")
    String stream = System.getenv().getOrDefault("STREAMRANK_INTERACTIONS_STREAM",
            StreamRankResources.DEFAULT_INTERACTIONS_STREAM);

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N events. Default: all.")
    long limit;

    @Option(names = "--users", paramLabel = "N",
            description = "Send only the events of the first N distinct users, in input order. Default: all.")
    int users;

    @Option(names = "--rate", paramLabel = "N", description = "Send at most N records per second. Default: no limit.")
    Double rate;

    @Option(names = "--speed", paramLabel = "F",
            description = "Replay in event-time order with the gaps between timestamps divided by F"
                    + " (60: one hour of history per minute). Sorts the selected events in memory.")
    Double speed;

    @Option(names = "--max-gap", paramLabel = "SECONDS",
            description = "Maximum wait between two consecutive events with --speed, in seconds. Default: ${DEFAULT-VALUE}.")
    double maxGapSeconds = ReplayOptions.DEFAULT_MAX_GAP.toSeconds();

    @Option(names = "--skip-malformed",
            description = "Skip input lines that cannot be read as events, reporting each with file:line and"
                    + " reason. Default: stop at the first one.")
    boolean skipMalformed;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "PutRecords calls per batch, including retries of failed records. Default: ${DEFAULT-VALUE}.")
    int maxAttempts = ReplayOptions.DEFAULT_MAX_ATTEMPTS;

    @Option(names = "--catalog",
            description = "Import the MovieLens catalog (titles, genres) into the items table before the events.")
    boolean catalog;

    @Option(names = "--items-table", paramLabel = "NAME",
            description = "DynamoDB items table for --catalog. Default: STREAMRANK_ITEMS_TABLE or ${DEFAULT-VALUE}.")
    String itemsTable = System.getenv().getOrDefault("STREAMRANK_ITEMS_TABLE", StreamRankResources.DEFAULT_ITEMS_TABLE);

    @Option(names = "--dataset-tag", paramLabel = "TAG",
            description = "Dataset part of MovieLens event ids (ml-TAG-user-movie-time). Default: the directory"
                    + " name without its ml- prefix.")
    String datasetTag;

    @Option(names = "--event-types", paramLabel = "SPEC",
            description = "Extra event types for --events, as name:weight pairs such as share:2.5."
                    + " Default: STREAMRANK_EVENT_TYPES.")
    String eventTypes = System.getenv("STREAMRANK_EVENT_TYPES");

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar.")
    boolean quiet;

    @Mixin
    AwsConnectionOptions connection;

    public static void main(String[] args) {
        CliLogging.useStandardError();
        System.exit(commandLine(new ReplayCommand()).execute(args));
    }

    /** Builds the command line; picocli's default exit code for invalid input is {@value #EXIT_USAGE}. */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command);
    }

    @Override
    public Integer call() {
        ReplayOptions options = options();
        AwsClients clients = connection.clients();
        ReplayListener listener = quiet ? ReplayListener.NONE : new ProgressBarListener(System.err);
        KinesisReplayer replayer = new KinesisReplayer(clients.kinesis(), catalog ? clients.dynamoDb() : null);

        ReplaySummary summary;
        try {
            summary = replayer.replay(options, listener);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--movielens: " + e.getMessage());
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println(summary.toJsonLine());
        out.flush();
        if (summary.error() != null) {
            spec.commandLine().getErr().println("replay stopped: " + summary.error());
        }
        return summary.succeeded() ? 0 : EXIT_FAILED;
    }

    /** Checks option combinations and values, naming the option and the fix in each message. */
    private ReplayOptions options() {
        requireNotNegative("--limit", limit, "use --limit 1000 to send the first 1000 events");
        requireNotNegative("--users", users, "use --users 50 to send the events of the first 50 users");
        if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
            throw usage("--rate must be a positive number of records per second (given " + rate
                    + "); leave it out for no limit");
        }
        if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
            throw usage("--speed must be a positive factor (given " + speed
                    + "); for example --speed 60 replays one hour of history per minute");
        }
        if (!(maxGapSeconds >= 0 && Double.isFinite(maxGapSeconds))) {
            throw usage("--max-gap must be a number of seconds >= 0 (given " + maxGapSeconds + ")");
        }
        if (maxAttempts < 1) {
            throw usage("--max-attempts must be at least 1 (given " + maxAttempts + ")");
        }
        if (catalog && input.movieLens == null) {
            throw usage("--catalog needs --movielens: an events file carries no catalog");
        }

        EventTypes types;
        try {
            types = EventTypes.parse(eventTypes);
        } catch (IllegalArgumentException e) {
            throw usage("--event-types: " + e.getMessage());
        }

        ReplayOptions options = input.movieLens != null ? ReplayOptions.movieLens(input.movieLens)
                : ReplayOptions.eventsFile(input.events);
        return options
                .withDatasetTag(datasetTag)
                .withLimit(limit)
                .withUsers(users)
                .withStream(stream)
                .withRate(rate == null ? 0 : rate)
                .withSpeed(speed == null ? 0 : speed, Duration.ofMillis(Math.round(maxGapSeconds * 1000)))
                .withMalformedLines(skipMalformed ? MalformedLinePolicy.SKIP_AND_REPORT : MalformedLinePolicy.FAIL_FAST)
                .withMaxAttempts(maxAttempts)
                .withItemsTable(catalog ? itemsTable : null)
                .withEventTypes(types);
    }

    private void requireNotNegative(String option, long value, String example) {
        if (value < 0) {
            throw usage(option + " must not be negative (given " + value + "); " + example);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
