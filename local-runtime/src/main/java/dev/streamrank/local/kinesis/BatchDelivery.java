package dev.streamrank.local.kinesis;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamrank.local.lambda.LocalContext;
import dev.streamrank.local.lambda.LocalFunction;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Invokes the handler with one shard's batch until it is processed or given up, with Lambda's
 * rules for stream sources:
 *
 * <ul>
 *   <li>a response without {@code batchItemFailures} means every record succeeded;</li>
 *   <li>reported failures mean every record before the lowest failed sequence number succeeded,
 *       and the remainder from that record on is retried, in order;</li>
 *   <li>a thrown exception, or a failure whose identifier is blank or not in the batch, fails the
 *       whole (remaining) batch;</li>
 *   <li>after {@code maximumRetryAttempts} retries the remainder goes to the on-failure destination
 *       and the shard moves past it.</li>
 * </ul>
 *
 * <p>The retry budget belongs to the batch, so progress made by partial successes does not reset it.
 */
final class BatchDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

    private final RequestHandler<KinesisEvent, StreamsEventResponse> handler;
    private final LocalFunction function;
    private final String functionArn;
    private final String streamArn;
    private final KinesisEventFactory events;
    private final PollerSettings settings;
    private final PollerMetrics metrics;
    private final StopSignal stop;

    BatchDelivery(RequestHandler<KinesisEvent, StreamsEventResponse> handler, LocalFunction function,
            String functionArn, String streamArn, KinesisEventFactory events, PollerSettings settings,
            PollerMetrics metrics, StopSignal stop) {
        this.handler = handler;
        this.function = function;
        this.functionArn = functionArn;
        this.streamArn = streamArn;
        this.events = events;
        this.settings = settings;
        this.metrics = metrics;
        this.stop = stop;
    }

    /**
     * Delivers {@code batch} and calls {@code checkpoint} with the sequence number of the last
     * record that is done (processed, or given up). Returns false when the poller stopped before
     * the batch was done; the rest of the batch is then left unprocessed.
     */
    boolean deliver(String shardId, List<Record> batch, Consumer<String> checkpoint) {
        List<Record> remaining = batch;
        int retries = 0;

        while (true) {
            Outcome outcome = invoke(shardId, remaining);
            if (outcome.firstFailedIndex() < 0) {
                metrics.recordsSucceeded.addAndGet(remaining.size());
                checkpoint.accept(last(remaining).sequenceNumber());
                return true;
            }

            if (outcome.firstFailedIndex() > 0) {
                metrics.recordsSucceeded.addAndGet(outcome.firstFailedIndex());
                checkpoint.accept(remaining.get(outcome.firstFailedIndex() - 1).sequenceNumber());
                remaining = remaining.subList(outcome.firstFailedIndex(), remaining.size());
            }

            if (!settings.mayRetry(retries)) {
                giveUp(shardId, remaining, retries + 1, outcome.reason());
                checkpoint.accept(last(remaining).sequenceNumber());
                return true;
            }

            retries++;
            metrics.retries.incrementAndGet();
            LOG.warn("{} failed on {} records of {} from sequence {} ({}); retry {} of {}", function.name(),
                    remaining.size(), shardId, remaining.get(0).sequenceNumber(), outcome.reason(), retries,
                    settings.maximumRetryAttempts() == -1 ? "unlimited" : settings.maximumRetryAttempts());
            if (!stop.sleep(settings.retryBackoff().delay(retries))) {
                LOG.info("{} stopped while retrying {} records of {}; they stay unprocessed", function.name(),
                        remaining.size(), shardId);
                return false;
            }
        }
    }

    private Outcome invoke(String shardId, List<Record> records) {
        KinesisEvent event = events.create(shardId, records);
        LocalContext context = LocalContext.begin(function);
        metrics.batches.incrementAndGet();
        metrics.recordsDelivered.addAndGet(records.size());

        MDC.put("functionName", function.name());
        MDC.put("awsRequestId", context.getAwsRequestId());
        MDC.put("shardId", shardId);
        try {
            StreamsEventResponse response = handler.handleRequest(event, context);
            return outcomeOf(response, records);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            // Lambda reports any throwable from a handler as a function error and retries the batch.
            LOG.warn("{} threw on a batch of {} records from {}", function.name(), records.size(), shardId, error);
            return new Outcome(0, error.getClass().getSimpleName() + ": " + error.getMessage());
        } finally {
            MDC.remove("functionName");
            MDC.remove("awsRequestId");
            MDC.remove("shardId");
        }
    }

    /** Maps a handler response to the index of the first record to retry, or -1 when all succeeded. */
    static Outcome outcomeOf(StreamsEventResponse response, List<Record> records) {
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            return new Outcome(-1, null);
        }

        int lowest = Integer.MAX_VALUE;
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            int index = id == null || id.isBlank() ? -1 : indexOf(records, id);
            if (index < 0) {
                return new Outcome(0, "batchItemFailures names '" + id
                        + "', which is not a sequence number of this batch, so the whole batch is retried");
            }
            lowest = Math.min(lowest, index);
        }
        return new Outcome(lowest, "batchItemFailures reported from sequence " + records.get(lowest).sequenceNumber());
    }

    private void giveUp(String shardId, List<Record> records, int invokeCount, String reason) {
        FailedBatch failed = new FailedBatch(function.name(), functionArn, streamArn, shardId,
                records.get(0).sequenceNumber(), last(records).sequenceNumber(),
                records.get(0).approximateArrivalTimestamp(), last(records).approximateArrivalTimestamp(),
                records.size(), invokeCount, reason, Instant.now());
        metrics.failedBatches.incrementAndGet();
        metrics.recordsFailed.addAndGet(records.size());
        LOG.error("{} gave up on {} records of {} (sequence {} to {}) after {} attempts: {}", function.name(),
                records.size(), shardId, failed.startSequenceNumber(), failed.endSequenceNumber(), invokeCount, reason);
        try {
            settings.onFailure().send(failed);
        } catch (RuntimeException e) {
            LOG.error("on-failure destination of {} rejected the failed batch of {} from sequence {}",
                    function.name(), shardId, failed.startSequenceNumber(), e);
        }
    }

    private static int indexOf(List<Record> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private static Record last(List<Record> records) {
        return records.get(records.size() - 1);
    }

    /**
     * @param firstFailedIndex index of the first record to retry, or -1 when the whole batch succeeded
     * @param reason           why the batch failed, null on success
     */
    record Outcome(int firstFailedIndex, String reason) {
    }
}
