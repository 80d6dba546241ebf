package dev.streamrank.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.events.movielens.MovieLensDataset;
import dev.streamrank.events.replay.CatalogImporter;
import dev.streamrank.events.replay.KinesisReplayer;
import dev.streamrank.events.replay.ReplayOptions;
import dev.streamrank.events.replay.ReplaySummary;
import dev.streamrank.local.LocalRuntime;
import dev.streamrank.local.RuntimeOptions;
import dev.streamrank.local.StandardFunctions;
import dev.streamrank.local.cli.LogSetup;
import dev.streamrank.local.cli.RuntimeOptionsMixin;
import dev.streamrank.local.cli.Terminal;
import dev.streamrank.local.kinesis.PollerMetrics;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.ItemStateTable;
import dev.streamrank.state.UserState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code demo}: README's first command. Starts the local runtime, imports the MovieLens catalog,
 * replays the ratings through the interactions stream, waits until the preprocess function has
 * caught up, prints the top 10 for three users, sends live ratings for one of them through
 * {@code POST /events} and prints the changed top 10 next to the old one.
 *
 * <p>Standard output gets the top-10 tables and, last, one JSON summary line; everything else
 * goes to standard error. Without {@code --once} the API stays up until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replays MovieLens through the local StreamRank and shows rankings change with live events.",
        footer = {"", "The demo changes two defaults listed above: --batch-size is 1000, and --shards is 16 with the"
                + " built-in emulators (it stays 2 with --endpoint), because kinesis-mock slows down as a stream fills."})
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOP_K = 10;
    private static final int LIVE_RATINGS = 3;
    private static final int DEMO_SHARDS = 16;
    private static final int DEMO_BATCH_SIZE = 1000;
    private static final String DEMO_HEAT_HALF_LIFE_HOURS = "4380";

    @Option(names = "--data", paramLabel = "DIR",
            description = "MovieLens release folder such as ../shared/data/ml-latest-small (or the folder that"
                    + " contains ml-latest-small). Default: $STREAMRANK_DATA.")
    Path data = System.getenv("STREAMRANK_DATA") == null ? null : Path.of(System.getenv("STREAMRANK_DATA"));

    @Option(names = "--once", description = "Exit after printing the results instead of keeping the API up.")
    boolean once;

    @Option(names = "--port", paramLabel = "PORT",
            description = "API port on 127.0.0.1; 0 takes a free one. Default: 8080, or a free port with --once.")
    Integer port;

    @Option(names = "--users", paramLabel = "N",
            description = "Replay only the ratings of the first N users in file order. Default: all.")
    int users;

    @Option(names = "--limit", paramLabel = "N", description = "Replay at most N ratings. Default: all.")
    long limit;

    @Option(names = "--no-train",
            description = "Skip training the transformer on the interaction log (about two minutes on 2 cores;"
                    + " a version trained earlier on the same data is reused from .streamrank/models).")
    boolean noTrain;

    @Option(names = "--catch-up-timeout", paramLabel = "SECONDS",
            description = "How long to wait for the preprocess function to process the replay. Default: ${DEFAULT-VALUE}.")
    long catchUpTimeoutSeconds = 900;

    @Mixin
    RuntimeOptionsMixin runtimeOptions;

    @Spec
    CommandSpec spec;

    private final PhaseClock clock = new PhaseClock();
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        Path release = DemoData.releaseFolder(data);
        requireNotNegative("--users", users);
        requireNotNegative("--limit", limit);
        int apiPort = 8080;
        if (port != null) {
            apiPort = port;
        } else if (once) {
            apiPort = 0;
        }

        err.println("StreamRank demo on MovieLens " + release);
        err.println("log: " + LogSetup.logFile().toAbsolutePath());
        err.flush();
        clock.start("start");
        LocalRuntime runtime = LocalRuntime.start(withDemoDefaults(runtimeOptions.toOptions(apiPort)),
                StandardFunctions.all());
        boolean serving = false;
        try {
            err.println("services: " + runtime.backendDescription() + "; API " + runtime.apiBaseUrl());
            ObjectNode summary = run(runtime, release);
            out.println(summary.toString());
            out.flush();
            if (!once) {
                serving = true;
                serveUntilInterrupted(runtime);
            }
            return 0;
        } finally {
            if (!serving) {
                runtime.close();
            }
        }
    }

    /**
     * Adjusts what the user did not set to a whole-history replay of MovieLens.
     *
     * <p>kinesis-mock 0.6.2 spends time on every PutRecords call that grows with the number of records
     * its stream contains (measured: the tenth 10,000 ratings took about six times as long as the first on
     * two shards), so the demo spreads the replay over {@value #DEMO_SHARDS} shards and lets the
     * preprocess function take up to {@value #DEMO_BATCH_SIZE} records per call, which means fewer
     * calls on the featurized stream too. MovieLens spans 22 years of event time, and a popularity
     * half-life of a week would leave only the last weeks of 2018 popular, so the demo uses half a year
     * unless STREAMRANK_HEAT_HALF_LIFE_HOURS is set.
     */
    private RuntimeOptions withDemoDefaults(RuntimeOptions options) {
        RuntimeOptions adjusted = options;
        ParseResult parsed = spec.commandLine().getParseResult();
        if (options.endpoint() == null && !parsed.hasMatchedOption("--shards")) {
            adjusted = adjusted.withShardCount(DEMO_SHARDS);
        }
        if (!parsed.hasMatchedOption("--batch-size")) {
            adjusted = adjusted.withPoller(adjusted.poller().withBatchSize(DEMO_BATCH_SIZE));
        }

        Map<String, String> settings = new HashMap<>(adjusted.settings());
        settings.putIfAbsent("STREAMRANK_HEAT_HALF_LIFE_HOURS", DEMO_HEAT_HALF_LIFE_HOURS);
        return adjusted.withSettings(settings);
    }

    private ObjectNode run(LocalRuntime runtime, Path release) throws Exception {
        ApiClient api = new ApiClient(runtime.apiBaseUrl());
        try (KinesisClient kinesis = runtime.clients().kinesis();
                DynamoDbClient dynamo = runtime.clients().dynamoDb();
                S3Client s3 = runtime.clients().s3()) {

            clock.start("import");
            long catalogItems = importCatalog(dynamo, runtime, release);

            clock.start("replay");
            ReplaySummary replay = replay(kinesis, runtime, release);

            clock.start("catch-up");
            awaitCaughtUp(runtime, replay.sent());

            clock.start("rank");
            List<UserState> picked = DemoUsers.pick(dynamo, runtime.resources().usersTable());
            if (picked.isEmpty()) {
                throw new IllegalStateException("no user has any history after the replay; check " + LogSetup.logFile());
            }
            List<Ranking> rankings = new ArrayList<>();
            for (UserState user : picked) {
                Ranking ranking = api.recommendations(user.userId(), TOP_K);
                rankings.add(ranking);
                TopTenTable.print(out, "Top " + TOP_K + " for user " + user.userId() + " ("
                        + user.totalInteractions() + " interactions)", ranking);
            }

            clock.start("live");
            int liveIndex = picked.size() / 2;
            long liveSent = sendLiveEvents(runtime, api, picked.get(liveIndex), rankings.get(liveIndex),
                    new ItemStateTable(dynamo, runtime.resources().itemsTable()).scanAll());

            clock.start("count");
            PollerMetrics.Snapshot preprocess = runtime.pollerMetrics().get(StandardFunctions.PREPROCESS);
            PreprocessCounts counts = PreprocessCounts.read(s3, dynamo, runtime.resources(),
                    preprocess.recordsSucceeded());
            DemoTraining.Result model = null;
            String modelError = null;
            if (!noTrain) {
                clock.start("train");
                try {
                    model = trainModel(s3, runtime, release);
                } catch (IllegalStateException e) {
                    // A run that diverges before its first validation has no model to publish.
                    // The pipeline part of the demo is complete without it, so the demo goes on.
                    modelError = e.getMessage();
                    LOG.warn("demo training failed: {}", modelError);
                    err.println("training failed: " + modelError + "; the demo goes on without a model (run it"
                            + " again, or pass --no-train to skip training)");
                }
            }
            clock.stop();

            LOG.info("demo finished: catalog {} items, replay {}", catalogItems, replay.toJsonLine());
            ObjectNode summary = summaryJson(replay.sent() + liveSent, counts, preprocess.recordsFailed());
            if (model != null) {
                ObjectNode modelNode = summary.putObject("model");
                modelNode.put("version", model.version());
                modelNode.put("reused", model.reused());
                model.metrics().forEach(modelNode::put);
            }
            if (modelError != null) {
                summary.put("model_error", modelError);
            }
            return summary;
        }
    }

    /**
     * Trains the transformer on the log the replay produced (or reuses the version trained on the same
     * data) and publishes it to the bucket. The rank function does not serve it yet.
     */
    private DemoTraining.Result trainModel(S3Client s3, LocalRuntime runtime, Path release) throws Exception {
        err.println("training the transformer on the interaction log in s3://" + runtime.resources().bucket() + "/"
                + StreamRankResources.LOG_PREFIX + " (--no-train skips this)");
        err.flush();
        String dataKey = DemoData.dataKey(release, users, limit);
        DemoTraining.Result result = DemoTraining.trainOrReuse(s3, runtime.resources(),
                runtime.functionEnvironment().features().eventTypes(), LogSetup.DEFAULT_MODEL_DIR, dataKey);

        Map<String, Double> metrics = result.metrics();
        out.printf("Model %s (%s): NDCG@10 %.4f, HR@10 %.4f over the full catalog; popularity NDCG@10 %.4f%n",
                result.version(), result.reused() ? "reused from the local cache" : "trained now",
                metrics.getOrDefault("ndcg10_full", Double.NaN), metrics.getOrDefault("hr10_full", Double.NaN),
                metrics.getOrDefault("ndcg10_full_popularity", Double.NaN));
        out.println("published to s3://" + runtime.resources().bucket() + "/" + StreamRankResources.MODELS_PREFIX
                + result.version() + "/ and named in models/CURRENT");
        out.flush();
        return result;
    }

    private long importCatalog(DynamoDbClient dynamo, LocalRuntime runtime, Path release) {
        MovieLensDataset dataset = MovieLensDataset.open(release);
        CatalogImporter importer = new CatalogImporter(new ItemStateTable(dynamo, runtime.resources().itemsTable()));
        CatalogImporter.Result result;
        try (ProgressBar bar = ProgressBars.open("catalog", countLines(release.resolve("movies.csv")), "items")) {
            result = importer.importMovieLens(dataset, bar::stepBy);
        }
        if (result.failed() > 0) {
            err.println("warning: " + result.failed() + " catalog items could not be written; see " + LogSetup.logFile());
        }
        return result.imported();
    }

    private ReplaySummary replay(KinesisClient kinesis, LocalRuntime runtime, Path release) {
        ReplayOptions options = ReplayOptions.movieLens(release)
                .withStream(runtime.resources().interactionsStream())
                .withUsers(users)
                .withLimit(limit);
        // The replayer cannot know the total up front; an unknown total draws an open-ended bar.
        long expected = -1;
        if (limit > 0) {
            expected = limit;
        } else if (users == 0) {
            expected = countLines(release.resolve("ratings.csv"));
        }
        ReplaySummary summary = new KinesisReplayer(kinesis, null).replay(options, ProgressBars.forReplay(expected));
        if (summary.error() != null) {
            throw new IllegalStateException("the replay stopped after " + summary.sent() + " events: " + summary.error());
        }
        if (summary.failed() > 0) {
            err.println("warning: " + summary.failed() + " events could not be put on the stream; see "
                    + LogSetup.logFile());
        }
        err.printf("replayed %d ratings in %.1f s (%.0f records/s)%n", summary.sent(), summary.seconds(),
                summary.recordsPerSecond());
        return summary;
    }

    /** Waits for the preprocess poller, drawing its progress toward the replayed count. */
    private void awaitCaughtUp(LocalRuntime runtime, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(catchUpTimeoutSeconds).toNanos();
        try (ProgressBar bar = ProgressBars.open("preprocess", expected, "records")) {
            while (!runtime.awaitIdle(Duration.ofMillis(500))) {
                bar.stepTo(Math.min(expected, processed(runtime)));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the preprocess function did not catch up within "
                            + catchUpTimeoutSeconds + " s (" + processed(runtime) + " of " + expected
                            + " records); raise --catch-up-timeout or replay less with --users");
                }
            }
            bar.stepTo(Math.min(expected, processed(runtime)));
        }
    }

    private static long processed(LocalRuntime runtime) {
        PollerMetrics.Snapshot metrics = runtime.pollerMetrics().get(StandardFunctions.PREPROCESS);
        return metrics.recordsSucceeded() + metrics.recordsFailed();
    }

    /**
     * Sends the live ratings, then the first one again to show that a repeated event counts once,
     * and prints the user's ranking before and after.
     *
     * @return events the ingest function put on the stream
     */
    private long sendLiveEvents(LocalRuntime runtime, ApiClient api, UserState user, Ranking before,
            List<ItemState> catalog) throws IOException, InterruptedException {
        LivePlan plan = LivePlan.forUser(user, catalog, LIVE_RATINGS, Instant.now());
        err.println("user " + user.userId() + " has watched little " + plan.genre() + "; sending 5-star ratings for "
                + plan.items().stream().map(item -> item.title() == null ? item.itemId() : item.title()).toList()
                + " through POST /events, then the first one again");

        long sent = api.sendEvents(plan.events());
        sent += api.sendEvents(List.of(plan.events().get(0)));
        if (!runtime.awaitIdle(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the preprocess function did not process the live events within 60 s");
        }

        Ranking after = api.recommendations(user.userId(), TOP_K);
        TopTenTable.printSideBySide(out, "User " + user.userId() + " before", before,
                "after 5 stars on " + plan.genre(), after);
        return sent;
    }

    private ObjectNode summaryJson(long sent, PreprocessCounts counts, long failed) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("sent", sent);
        summary.put("accepted", counts.accepted());
        summary.put("rejected", counts.rejected());
        summary.put("duplicates", counts.duplicates());
        summary.put("failed", failed);
        summary.put("users", counts.users());
        summary.put("items", counts.items());
        ObjectNode seconds = summary.putObject("seconds");
        clock.seconds().forEach(seconds::put);
        return summary;
    }

    private void serveUntilInterrupted(LocalRuntime runtime) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "streamrank-demo-shutdown"));
        Terminal.printServing(err, runtime);
        err.println("Ctrl-C stops the API and the emulators.");
        err.flush();
        stopped.await();
    }

    /** Counts the data lines of a CSV file (header excluded), for progress bars; -1 when unknown. */
    private static long countLines(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(csv)) {
            return Math.max(0, lines.count() - 1);
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static void requireNotNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative (given " + value + "); 0 means all");
        }
    }
}
