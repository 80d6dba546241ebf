package dev.streamrank.local.kinesis;

/**
 * Receives batches that a {@link KinesisPoller} gave up on, like the on-failure destination of a
 * Lambda event source mapping. The poller logs and counts every failed batch whatever the
 * destination does; an exception thrown here is logged and does not stop the shard.
 */
@FunctionalInterface
public interface OnFailureDestination {

    void send(FailedBatch batch);

    /** Returns a destination that keeps nothing beyond the poller's own log line and counter. */
    static OnFailureDestination none() {
        return batch -> {
        };
    }
}
