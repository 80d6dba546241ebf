package dev.streamrank.local.kinesis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard and hands its records to {@link BatchDelivery} one batch at a time, so records
 * of a shard reach the handler in sequence order and never two batches of a shard at once.
 *
 * <p>Records read but not yet delivered stay in memory. The iterator moves on from the last record
 * read, and a retried batch is taken from memory, not read again. The checkpoint (the last record
 * done) lives only in memory: a restarted runtime reads from its starting position again.
 */
final class ShardWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);

    /** Lambda's limit on an invocation payload; the data is base64 in the event JSON, a third bigger. */
    private static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;

    private final KinesisClient kinesis;
    private final String streamName;
    private final String shardId;
    private final PollerSettings settings;
    private final BatchDelivery delivery;
    private final PollerMetrics metrics;
    private final StopSignal stop;

    private final Deque<Record> pending = new ArrayDeque<>();
    private String iterator;
    private String lastReadSequence;
    private int throttledReads;

    private volatile String checkpoint;
    private volatile boolean busy;
    private volatile boolean finished;
    /**
     * {@link System#nanoTime()} at the start of the latest read that found the shard empty with
     * nothing pending; starts before any {@code awaitIdle} call can begin.
     */
    private volatile long caughtUpAt = System.nanoTime() - 1_000_000;

    ShardWorker(KinesisClient kinesis, String streamName, String shardId, PollerSettings settings,
            BatchDelivery delivery, PollerMetrics metrics, StopSignal stop) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.shardId = shardId;
        this.settings = settings;
        this.delivery = delivery;
        this.metrics = metrics;
        this.stop = stop;
    }

    String shardId() {
        return shardId;
    }

    String checkpoint() {
        return checkpoint;
    }

    /**
     * Returns whether this shard has no batch in flight and a read that started at or after
     * {@code sinceNanos} found nothing new, so every record written before then is done.
     */
    boolean isCaughtUpSince(long sinceNanos) {
        if (finished) {
            return true;
        }
        return !busy && caughtUpAt - sinceNanos >= 0;
    }

    @Override
    public void run() {
        try {
            iterator = iteratorAt(settings.startingPosition() == StartingPosition.LATEST
                    ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON, null);
            while (!stop.isStopped()) {
                List<Record> batch = nextBatch();
                if (batch == null) {
                    break;
                }
                if (batch.isEmpty()) {
                    stop.sleep(settings.pollInterval());
                    continue;
                }

                if (!delivery.deliver(shardId, batch, sequence -> checkpoint = sequence)) {
                    break;
                }
                busy = !pending.isEmpty();
            }
        } catch (ResourceNotFoundException gone) {
            LOG.error("stream {} or shard {} no longer exists; this shard's poller stops", streamName, shardId, gone);
        } catch (RuntimeException unexpected) {
            LOG.error("poller of {} {} stopped on an unexpected error", streamName, shardId, unexpected);
        } finally {
            finished = true;
            busy = false;
        }
    }

    /**
     * Gathers the next batch: full when {@code batchSize} records are at hand, otherwise whatever
     * has arrived once the batching window (from the first record) has passed. Returns an empty
     * list when the shard has nothing new, and null when the shard is closed and drained or the
     * poller stopped.
     */
    private List<Record> nextBatch() {
        long windowEnds = 0;
        boolean windowOpen = false;

        while (!stop.isStopped()) {
            if (pending.size() >= settings.batchSize()) {
                return take();
            }
            if (iterator == null) {
                // The shard was closed (resharding); deliver what is left, then stop.
                return pending.isEmpty() ? null : take();
            }

            long readStartedAt = System.nanoTime();
            GetRecordsResponse response = read(settings.batchSize() - pending.size());
            if (response == null) {
                // A throttled read must not hold back records whose batching window has passed.
                if (windowOpen && windowEnds - System.nanoTime() <= 0) {
                    return take();
                }
                continue;
            }
            iterator = response.nextShardIterator();
            List<Record> records = response.records();
            if (!records.isEmpty()) {
                busy = true;
                pending.addAll(records);
                lastReadSequence = records.get(records.size() - 1).sequenceNumber();
            }

            if (pending.isEmpty()) {
                caughtUpAt = readStartedAt;
                return iterator == null ? null : List.of();
            }
            if (!windowOpen) {
                windowOpen = true;
                windowEnds = System.nanoTime() + settings.batchingWindow().toNanos();
            }
            long windowLeft = windowEnds - System.nanoTime();
            if (windowLeft <= 0 || pending.size() >= settings.batchSize()) {
                return take();
            }
            if (records.isEmpty()) {
                stop.sleep(Duration.ofNanos(Math.min(windowLeft, settings.pollInterval().toNanos())));
            }
        }
        return null;
    }

    /** Takes up to {@code batchSize} pending records, fewer when the invocation payload would pass 6 MB. */
    private List<Record> take() {
        List<Record> batch = new ArrayList<>(Math.min(pending.size(), settings.batchSize()));
        long payload = 0;
        while (!pending.isEmpty() && batch.size() < settings.batchSize()) {
            long size = base64Size(pending.peekFirst()) + 512;
            if (!batch.isEmpty() && payload + size > MAX_PAYLOAD_BYTES) {
                break;
            }
            payload += size;
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    /** Calls GetRecords once; returns null after handling a throttle, an expired iterator or an SDK failure. */
    private GetRecordsResponse read(int limit) {
        try {
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(iterator).limit(limit));
            throttledReads = 0;
            return response;
        } catch (ExpiredIteratorException expired) {
            metrics.expiredIterators.incrementAndGet();
            LOG.info("shard iterator of {} {} expired; renewing it after sequence {}", streamName, shardId,
                    lastReadSequence);
            iterator = lastReadSequence == null
                    ? iteratorAt(settings.startingPosition() == StartingPosition.LATEST
                            ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON, null)
                    : iteratorAt(ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastReadSequence);
            return null;
        } catch (ProvisionedThroughputExceededException | LimitExceededException throttled) {
            backOffAfterFailedRead("throttled", throttled);
            return null;
        } catch (ResourceNotFoundException gone) {
            throw gone;
        } catch (KinesisException | SdkClientException failed) {
            backOffAfterFailedRead("failed", failed);
            return null;
        }
    }

    private void backOffAfterFailedRead(String outcome, Exception cause) {
        throttledReads++;
        metrics.throttles.incrementAndGet();
        Duration delay = settings.throttleBackoff().delay(throttledReads);
        // Repeats are expected under throttling, so only every tenth is logged with its cause.
        if (throttledReads % 10 == 1) {
            LOG.warn("GetRecords on {} {} {} ({} in a row); backing off {} ms: {}", streamName, shardId, outcome,
                    throttledReads, delay.toMillis(), cause.toString());
        }
        stop.sleep(delay);
    }

    private String iteratorAt(ShardIteratorType type, String sequenceNumber) {
        return kinesis.getShardIterator(b -> b.streamName(streamName).shardId(shardId).shardIteratorType(type)
                .startingSequenceNumber(sequenceNumber)).shardIterator();
    }

    private static long base64Size(Record record) {
        return (record.data().asByteBuffer().remaining() + 2L) / 3 * 4;
    }
}
