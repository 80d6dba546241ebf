package dev.streamrank.local.kinesis;

import java.time.Instant;

/**
 * A batch that was given up after its last retry: what Lambda's on-failure destination receives
 * for a Kinesis source. Like Lambda, it identifies the records by shard and sequence range and
 * does not carry their data, which stays readable in the stream until it expires.
 *
 * @param functionName          function that failed
 * @param functionArn           its ARN
 * @param streamArn             source stream ARN
 * @param shardId               source shard
 * @param startSequenceNumber   first record given up
 * @param endSequenceNumber     last record given up
 * @param firstArrival          approximate arrival time of the first record
 * @param lastArrival           approximate arrival time of the last record
 * @param batchSize             number of records given up
 * @param invokeCount           invocations made for these records, the first attempt included
 * @param lastError             the failure of the last attempt, for the log and the destination
 * @param failedAt              when the batch was given up
 */
public record FailedBatch(
        String functionName,
        String functionArn,
        String streamArn,
        String shardId,
        String startSequenceNumber,
        String endSequenceNumber,
        Instant firstArrival,
        Instant lastArrival,
        int batchSize,
        int invokeCount,
        String lastError,
        Instant failedAt) {

    /** The condition Lambda records when the retries of a stream batch are used up. */
    public static final String CONDITION = "RetryAttemptsExhausted";
}
