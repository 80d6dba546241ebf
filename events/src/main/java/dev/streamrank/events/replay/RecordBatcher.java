package dev.streamrank.events.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Packs records into PutRecords batches within {@link BatchLimits}, keeping their order.
 * Not thread-safe.
 */
public final class RecordBatcher {

    private final BatchLimits limits;
    private List<OutgoingRecord> batch = new ArrayList<>();
    private long batchBytes;

    public RecordBatcher(BatchLimits limits) {
        this.limits = limits;
    }

    /** True when the record alone breaks the per-record limit and can never be sent. */
    public boolean isOversize(OutgoingRecord record) {
        return record.sizeBytes() > limits.maxRecordBytes();
    }

    /**
     * Adds a record. When it does not fit into the open batch, the open batch is returned to be sent
     * and the record starts the next one.
     *
     * @throws IllegalArgumentException for an oversize record; check {@link #isOversize} first
     */
    public Optional<List<OutgoingRecord>> add(OutgoingRecord record) {
        if (isOversize(record)) {
            throw new IllegalArgumentException("record " + record.eventId() + " is " + record.sizeBytes()
                    + " bytes, over the per-record limit of " + limits.maxRecordBytes() + " bytes");
        }

        Optional<List<OutgoingRecord>> full = Optional.empty();
        boolean fits = batch.size() < limits.maxRecords()
                && batchBytes + record.sizeBytes() <= limits.maxBatchBytes();
        if (!fits) {
            full = Optional.of(drain());
        }

        batch.add(record);
        batchBytes += record.sizeBytes();
        return full;
    }

    /** Returns the open batch, possibly empty, and starts a new one. */
    public List<OutgoingRecord> drain() {
        List<OutgoingRecord> drained = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        return drained;
    }

    public boolean isEmpty() {
        return batch.isEmpty();
    }

    public int size() {
        return batch.size();
    }

    public long bytes() {
        return batchBytes;
    }
}
