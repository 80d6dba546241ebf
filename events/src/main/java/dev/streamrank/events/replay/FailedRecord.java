package dev.streamrank.events.replay;

/**
 * A record that was not written, and why.
 *
 * @param id     the event id (or item id, for catalog imports)
 * @param reason the last error, for example {@code ProvisionedThroughputExceededException: Rate exceeded}
 */
public record FailedRecord(String id, String reason) {
}
