package dev.streamrank.local.kinesis;

/** The position a poller starts reading each shard from, as in a Lambda event source mapping. */
public enum StartingPosition {
    /** The oldest record still in the shard. */
    TRIM_HORIZON,
    /** Only records written after the poller started. */
    LATEST
}
