package dev.streamrank.events.replay;

import java.nio.charset.StandardCharsets;

/**
 * One Kinesis record ready to send.
 *
 * @param eventId      the event's id, for failure reports
 * @param partitionKey the event's userId, so each user's events stay ordered within one shard
 * @param data         the event's canonical JSON, UTF-8
 */
public record OutgoingRecord(String eventId, String partitionKey, byte[] data) {

    /** Size as Kinesis counts it against its limits: data plus partition key bytes. */
    public long sizeBytes() {
        return data.length + (long) partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
