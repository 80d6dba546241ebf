package dev.streamrank.local.kinesis;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamrank.local.lambda.LocalContext;
import dev.streamrank.local.lambda.LocalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Hosts a Kinesis-triggered handler the way a Lambda event source mapping does: one worker thread
 * per shard, batches in sequence order with one batch in flight per shard, partial batch responses,
 * bounded retries and an on-failure destination. See {@link BatchDelivery} for the retry rules.
 *
 * <p>Shards are listed once, at {@link #start()}; shards created later by resharding are not
 * picked up. The poller does not own the Kinesis client. Thread-safe.
 */
public final class KinesisPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisPoller.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final KinesisClient kinesis;
    private final String streamName;
    private final RequestHandler<KinesisEvent, StreamsEventResponse> handler;
    private final LocalFunction function;
    private final PollerSettings settings;
    private final PollerMetrics metrics = new PollerMetrics();
    private final StopSignal stop = new StopSignal();
    private final List<ShardWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public KinesisPoller(KinesisClient kinesis, String streamName, RequestHandler<KinesisEvent, StreamsEventResponse> handler,
            LocalFunction function, PollerSettings settings) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.handler = handler;
        this.function = function;
        this.settings = settings;
    }

    /**
     * Lists the stream's shards and starts one worker per shard.
     *
     * @throws IllegalStateException when already started
     * @throws software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException when the stream does not exist
     */
    public synchronized KinesisPoller start() {
        if (!workers.isEmpty() || stop.isStopped()) {
            throw new IllegalStateException("poller of " + function.name() + " on " + streamName + " was already started");
        }

        String streamArn = kinesis.describeStreamSummary(b -> b.streamName(streamName))
                .streamDescriptionSummary().streamARN();
        String functionArn = LocalContext.begin(function).getInvokedFunctionArn();
        KinesisEventFactory events = new KinesisEventFactory(streamArn, function.region(),
                "arn:aws:iam::000000000000:role/" + function.name());
        BatchDelivery delivery = new BatchDelivery(handler, function, functionArn, streamArn, events, settings,
                metrics, stop);

        for (Shard shard : listShards()) {
            ShardWorker worker = new ShardWorker(kinesis, streamName, shard.shardId(), settings, delivery, metrics, stop);
            Thread thread = new Thread(worker, "poller-" + function.name() + "-" + shard.shardId());
            thread.setDaemon(true);
            workers.add(worker);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        LOG.info("{} polls {} ({} shards from {}, batch size {}, window {} ms, {} retries)", function.name(),
                streamName, workers.size(), settings.startingPosition(), settings.batchSize(),
                settings.batchingWindow().toMillis(), settings.maximumRetryAttempts());
        return this;
    }

    /**
     * Waits until every shard has no batch in flight and has been read to its end after this call
     * began, so every record written before the call is processed or given up.
     *
     * @return true when caught up, false when {@code timeout} passed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long since = System.nanoTime();
        long deadline = since + timeout.toNanos();
        while (!isCaughtUpSince(since)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(Math.max(5, Math.min(50, settings.pollInterval().toMillis() / 4)));
        }
        return true;
    }

    public PollerMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    /** Returns the last sequence number done per shard; a shard with nothing done yet maps to null. */
    public synchronized Map<String, String> checkpoints() {
        Map<String, String> checkpoints = new LinkedHashMap<>();
        for (ShardWorker worker : workers) {
            checkpoints.put(worker.shardId(), worker.checkpoint());
        }
        return checkpoints;
    }

    public String streamName() {
        return streamName;
    }

    public LocalFunction function() {
        return function;
    }

    /** Stops polling; a batch in flight is allowed to finish, up to 30 s. */
    @Override
    public synchronized void close() {
        stop.stop();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} s; interrupting it", thread.getName(), STOP_TIMEOUT.toSeconds());
                thread.interrupt();
            }
        }
        LOG.info("{} stopped polling {}: {}", function.name(), streamName, metrics.snapshot());
    }

    private synchronized boolean isCaughtUpSince(long since) {
        for (ShardWorker worker : workers) {
            if (!worker.isCaughtUpSince(since)) {
                return false;
            }
        }
        return true;
    }

    private List<Shard> listShards() {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(b -> b.streamName(streamName));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(b -> b.nextToken(token));
            shards.addAll(page.shards());
        }
        // Only open shards: a closed parent's records were written before the split, and reading
        // it next to its children would break per-user order.
        shards.removeIf(shard -> shard.sequenceNumberRange() != null
                && shard.sequenceNumberRange().endingSequenceNumber() != null);
        return shards;
    }
}
