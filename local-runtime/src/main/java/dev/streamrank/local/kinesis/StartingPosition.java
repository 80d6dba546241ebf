package dev.streamrank.local.kinesis;

/** Where a poller starts reading each shard, as in a Lambda event source mapping. */
public enum StartingPosition {
    /** The oldest record still in the shard. */
    TRIM_HORIZON,
    /** Only records written after the poller started. */
    LATEST
}
