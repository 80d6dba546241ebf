package dev.streamrank.events.replay;

import dev.streamrank.event.EventJson;
import dev.streamrank.event.Interaction;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.events.movielens.MalformedLineException;
import dev.streamrank.events.movielens.MalformedLineReport;
import dev.streamrank.events.movielens.MovieLensDataset;
import dev.streamrank.state.Backoff;
import dev.streamrank.state.ItemStateTable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Replays events from a MovieLens release or a JSON-lines file into a Kinesis stream, optionally
 * importing the MovieLens catalog into the items table first.
 *
 * <p>Records are batched within the PutRecords limits ({@link BatchLimits#KINESIS}) with the userId as
 * partition key, and partial failures are retried per record ({@link PutRecordsSender}). A record
 * over the per-record limit is reported as failed with its event id and not sent. Clients are passed
 * in and not closed. Not thread-safe: run one replay at a time per instance.
 *
 * <pre>{@code
 * var replayer = new KinesisReplayer(clients.kinesis(), clients.dynamoDb());
 * ReplaySummary summary = replayer.replay(ReplayOptions.movieLens(dir).withUsers(50)
 *         .withItemsTable("streamrank-items"), ReplayListener.NONE);
 * }</pre>
 */
public final class KinesisReplayer {

    /**
     * Maximum time a record waits in a part-filled batch. Paced replays and slow inputs then send small
     * batches promptly instead of keeping records back until 500 have gathered.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final Logger LOG = LoggerFactory.getLogger(KinesisReplayer.class);

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final BatchLimits limits;
    private final IntConsumer backoff;

    /**
     * @param kinesis  the client records are sent with
     * @param dynamoDb the client for catalog imports; may be null when no options ask for one
     */
    public KinesisReplayer(KinesisClient kinesis, DynamoDbClient dynamoDb) {
        this(kinesis, dynamoDb, BatchLimits.KINESIS, Backoff::sleep);
    }

    KinesisReplayer(KinesisClient kinesis, DynamoDbClient dynamoDb, BatchLimits limits, IntConsumer backoff) {
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.limits = limits;
        this.backoff = backoff;
    }

    /**
     * Runs the replay to the end, or until a malformed line stops it under
     * {@link dev.streamrank.events.movielens.MalformedLinePolicy#FAIL_FAST}, or until the stream or table
     * turns out to be missing. Early stops are returned in {@link ReplaySummary#error()}, not thrown.
     *
     * @throws IllegalArgumentException when the MovieLens directory has no known layout
     * @throws IllegalStateException    when the options ask for a catalog import and this replayer has no
     *                                  DynamoDB client
     */
    public ReplaySummary replay(ReplayOptions options, ReplayListener listener) {
        Run run = new Run(options, listener);
        long startNanos = System.nanoTime();
        try {
            run.execute();
        } catch (MalformedLineException | ReplayException | UncheckedIOException e) {
            run.error = e.getMessage();
            LOG.error("replay stopped early stream={} sent={} error={}", options.stream(), run.sent, e.getMessage());
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return run.summary(seconds);
    }

    /** The state of one replay. */
    private final class Run {

        private final ReplayOptions options;
        private final ReplayListener listener;
        private final MovieLensDataset dataset;
        private final MalformedLineReport report;
        private final RecordBatcher batcher = new RecordBatcher(limits);
        private final PutRecordsSender sender;
        private final Pacer pacer;
        private final List<FailedRecord> failures = new ArrayList<>();
        private long sent;
        private long retried;
        private long failed;
        private long catalogItems;
        private long catalogFailed;
        private long oldestBufferedNanos;
        private String error;

        Run(ReplayOptions options, ReplayListener listener) {
            this.options = options;
            this.listener = listener;
            this.dataset = options.movieLens() == null ? null
                    : MovieLensDataset.open(options.movieLens(), options.malformedLines(), options.datasetTag());
            // One report for the whole run: a dataset reports its catalog and ratings lines into its own.
            this.report = dataset != null ? dataset.report() : new MalformedLineReport(options.malformedLines());
            this.sender = new PutRecordsSender(kinesis::putRecords, options.stream(), options.maxAttempts(), backoff);
            this.pacer = new Pacer(options.rate(), options.speed(), options.maxGap(), System::nanoTime);
        }

        void execute() {
            if (options.itemsTable() != null) {
                importCatalog();
            }

            listener.phaseStarted("events", options.limit() > 0 ? options.limit() : -1);
            try (Stream<Interaction> events = openEvents()) {
                send(select(events));
            } finally {
                listener.phaseFinished("events");
            }
        }

        private void importCatalog() {
            if (dynamoDb == null) {
                throw new IllegalStateException("a catalog import needs a DynamoDB client; construct the"
                        + " KinesisReplayer with one");
            }
            listener.phaseStarted("catalog", -1);
            try {
                CatalogImporter importer = new CatalogImporter(new ItemStateTable(dynamoDb, options.itemsTable()));
                CatalogImporter.Result result = importer.importMovieLens(dataset, listener::progressed);
                catalogItems = result.imported();
                catalogFailed = result.failed();
                result.failures().forEach(this::recordFailure);
            } finally {
                listener.phaseFinished("catalog");
            }
        }

        private Stream<Interaction> openEvents() {
            if (dataset != null) {
                return dataset.ratings();
            }
            return EventsFile.read(options.eventsFile(), new InteractionParser(options.eventTypes()), report);
        }

        /** Applies the user slice and the limit, and sorts by timestamp in speed mode. */
        private Iterator<Interaction> select(Stream<Interaction> events) {
            Stream<Interaction> selected = events;
            if (options.users() > 0) {
                Set<String> users = new HashSet<>();
                selected = selected.filter(event -> users.contains(event.userId())
                        || (users.size() < options.users() && users.add(event.userId())));
            }
            if (options.limit() > 0) {
                selected = selected.limit(options.limit());
            }
            if (options.speed() > 0) {
                // NOTE: speed mode keeps the selected events in memory to sort them, so slice large inputs.
                selected = selected.sorted(Comparator.comparing(Interaction::timestamp));
            }
            return selected.iterator();
        }

        private void send(Iterator<Interaction> events) {
            while (events.hasNext()) {
                Interaction event = events.next();
                OutgoingRecord record = new OutgoingRecord(event.eventId(), event.userId(), EventJson.toBytes(event));
                if (batcher.isOversize(record)) {
                    fail(record, "record is " + record.sizeBytes() + " bytes with its partition key, over the"
                            + " Kinesis limit of " + limits.maxRecordBytes() + " bytes; shorten context or impressions");
                    listener.progressed(1);
                    continue;
                }

                pace(event);
                batcher.add(record).ifPresent(this::sendBatch);
                if (batcher.size() == 1) {
                    oldestBufferedNanos = System.nanoTime();
                }
                // NOTE: checked only after each record, so while a slow standard input blocks, buffered
                // records wait for the next line or the end of the input.
                if (System.nanoTime() - oldestBufferedNanos >= LINGER_NANOS) {
                    sendBatch(batcher.drain());
                }
            }
            sendBatch(batcher.drain());
        }

        /** Waits until the event is due, first sending the open batch if it would wait past the linger time. */
        private void pace(Interaction event) {
            long delay = pacer.delayNanos(event.timestamp());
            if (delay <= 0) {
                return;
            }
            boolean wouldLinger = !batcher.isEmpty()
                    && System.nanoTime() + delay - oldestBufferedNanos >= LINGER_NANOS;
            if (wouldLinger) {
                sendBatch(batcher.drain());
            }
            try {
                TimeUnit.NANOSECONDS.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException("interrupted while pacing the replay", e);
            }
        }

        private void sendBatch(List<OutgoingRecord> batch) {
            if (batch.isEmpty()) {
                return;
            }
            PutRecordsSender.Result result = sender.send(batch);
            sent += result.sent();
            retried += result.retried();
            failed += result.failed().size();
            result.failed().forEach(this::recordFailure);
            listener.progressed(batch.size());
        }

        private void fail(OutgoingRecord record, String reason) {
            LOG.error("record not sent eventId={} reason={}", record.eventId(), reason);
            failed++;
            recordFailure(new FailedRecord(record.eventId(), reason));
        }

        private void recordFailure(FailedRecord failure) {
            if (failures.size() < ReplaySummary.MAX_SAMPLES) {
                failures.add(failure);
            }
        }

        ReplaySummary summary(double seconds) {
            return new ReplaySummary(options.stream(), sent, retried, failed, report.count(), catalogItems,
                    catalogFailed, seconds, failures, report.samples(), error);
        }
    }
}
