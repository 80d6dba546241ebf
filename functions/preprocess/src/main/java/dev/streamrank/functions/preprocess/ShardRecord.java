package dev.streamrank.functions.preprocess;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * One Kinesis record of a batch, decoded once from the Lambda event.
 *
 * @param sequenceNumber Kinesis sequence number; the identifier reported in {@code batchItemFailures}
 * @param shardId        the shard, for example {@code shardId-000000000000}
 * @param partitionKey   the producer's partition key (the user id by contract, but not trusted)
 * @param arrivalTime    approximate arrival time at Kinesis; null when the event did not carry one
 * @param streamArn      the stream's ARN from {@code eventSourceARN}; null when absent
 * @param data           the record payload as sent by the producer
 */
public record ShardRecord(
        String sequenceNumber,
        String shardId,
        String partitionKey,
        Instant arrivalTime,
        String streamArn,
        byte[] data) {

    /** Orders sequence numbers numerically: they are decimal strings of up to 128 bits. */
    public static final Comparator<String> SEQUENCE_ORDER = Comparator.comparing(BigInteger::new);

    static final String UNKNOWN_SHARD = "unknown-shard";

    public ShardRecord {
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            throw new IllegalArgumentException("a Kinesis record without a sequence number cannot be processed"
                    + " or reported as failed; check the event source mapping");
        }
        data = data == null ? new byte[0] : data;
    }

    /** Decodes the records of a Lambda Kinesis event in delivery order (ascending sequence numbers). */
    public static List<ShardRecord> fromEvent(KinesisEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }

        List<ShardRecord> records = new ArrayList<>(event.getRecords().size());
        for (KinesisEvent.KinesisEventRecord eventRecord : event.getRecords()) {
            KinesisEvent.Record kinesis = eventRecord.getKinesis();
            Date arrival = kinesis.getApproximateArrivalTimestamp();
            records.add(new ShardRecord(
                    kinesis.getSequenceNumber(),
                    shardId(eventRecord.getEventID()),
                    kinesis.getPartitionKey(),
                    arrival == null ? null : arrival.toInstant(),
                    eventRecord.getEventSourceARN(),
                    bytes(kinesis.getData())));
        }
        return records;
    }

    /**
     * Extracts the shard id from a Lambda Kinesis event id, which has the form
     * {@code shardId-000000000000:<sequence number>}; the stream ARN does not name the shard.
     */
    static String shardId(String eventId) {
        if (eventId == null) {
            return UNKNOWN_SHARD;
        }
        int colon = eventId.indexOf(':');
        String shard = colon < 0 ? eventId : eventId.substring(0, colon);
        return shard.isBlank() ? UNKNOWN_SHARD : shard;
    }

    /** Copies the payload without moving the buffer's position, so the event stays readable. */
    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
