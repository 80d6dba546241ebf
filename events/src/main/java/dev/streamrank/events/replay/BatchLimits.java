package dev.streamrank.events.replay;

/**
 * Limits of one Kinesis PutRecords call.
 *
 * @param maxRecords     records per call
 * @param maxBatchBytes  bytes per call, counting data and partition keys
 * @param maxRecordBytes bytes per record, counting data and partition key
 */
public record BatchLimits(int maxRecords, long maxBatchBytes, long maxRecordBytes) {

    public static final long MIB = 1024L * 1024L;

    /**
     * The PutRecords quotas: 500 records and 5 MiB per call, 1 MiB per record.
     * NOTE: 1 MiB is the default record limit; a stream configured for larger records still gets 1 MiB here.
     */
    public static final BatchLimits KINESIS = new BatchLimits(500, 5 * MIB, MIB);

    public BatchLimits {
        if (maxRecords < 1 || maxRecordBytes < 1 || maxBatchBytes < maxRecordBytes) {
            throw new IllegalArgumentException("invalid batch limits: maxRecords " + maxRecords
                    + ", maxBatchBytes " + maxBatchBytes + ", maxRecordBytes " + maxRecordBytes
                    + "; need maxRecords >= 1 and maxBatchBytes >= maxRecordBytes >= 1");
        }
    }
}
