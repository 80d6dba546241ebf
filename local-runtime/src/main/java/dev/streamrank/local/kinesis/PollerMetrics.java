package dev.streamrank.local.kinesis;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one poller, shared by its shard workers. Thread-safe. */
public final class PollerMetrics {

    final AtomicLong batches = new AtomicLong();
    final AtomicLong recordsDelivered = new AtomicLong();
    final AtomicLong recordsSucceeded = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong failedBatches = new AtomicLong();
    final AtomicLong recordsFailed = new AtomicLong();
    final AtomicLong throttles = new AtomicLong();
    final AtomicLong expiredIterators = new AtomicLong();

    /**
     * The counters at one moment.
     *
     * @param batches          handler invocations, retries included
     * @param recordsDelivered records passed to the handler, counted again on each retry
     * @param recordsSucceeded records the handler processed, each counted once
     * @param retries          invocations that repeated a failed batch or its failed remainder
     * @param failedBatches    batches given up after the last retry and sent to the on-failure destination
     * @param recordsFailed    records in those batches
     * @param throttles        GetRecords calls rejected for exceeding throughput or failing
     * @param expiredIterators shard iterators that expired and were renewed
     */
    public record Snapshot(long batches, long recordsDelivered, long recordsSucceeded, long retries,
            long failedBatches, long recordsFailed, long throttles, long expiredIterators) {
    }

    public Snapshot snapshot() {
        return new Snapshot(batches.get(), recordsDelivered.get(), recordsSucceeded.get(), retries.get(),
                failedBatches.get(), recordsFailed.get(), throttles.get(), expiredIterators.get());
    }
}
