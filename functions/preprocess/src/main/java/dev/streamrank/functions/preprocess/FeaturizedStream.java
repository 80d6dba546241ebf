package dev.streamrank.functions.preprocess;

import dev.streamrank.state.Backoff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends featurized events to the featurized Kinesis stream with PutRecords, partition key userId so
 * each user's events stay ordered within a shard.
 *
 * <p>Requests hold at most 500 records and 5 MiB (the PutRecords limits). Entries that fail inside a
 * successful request (throttling, internal errors) are sent again with backoff, up to
 * {@link #MAX_ATTEMPTS} attempts. Delivery is at least once: a retried batch may send an event twice.
 */
public final class FeaturizedStream {

    static final int MAX_RECORDS_PER_REQUEST = 500;
    static final long MAX_BYTES_PER_REQUEST = 5L * 1024 * 1024;
    static final int MAX_ATTEMPTS = 6;

    private final KinesisClient kinesis;
    private final String stream;

    public FeaturizedStream(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /**
     * Sends all events.
     *
     * @return the number of PutRecords requests made, retries included
     * @throws DependencyFailure when a request fails or entries still fail after the last attempt
     */
    public int send(List<FeaturizedEvent> events) {
        int requests = 0;
        for (List<PutRecordsRequestEntry> chunk : chunks(entries(events))) {
            requests += sendChunk(chunk);
        }
        return requests;
    }

    private int sendChunk(List<PutRecordsRequestEntry> chunk) {
        List<PutRecordsRequestEntry> pending = chunk;
        for (int attempt = 1; ; attempt++) {
            PutRecordsResponse response;
            try {
                List<PutRecordsRequestEntry> entries = pending;
                response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            } catch (SdkException e) {
                throw new DependencyFailure("PutRecords to " + stream + " failed: " + e.getMessage(), e);
            }

            pending = failedEntries(pending, response);
            if (pending.isEmpty()) {
                return attempt;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new DependencyFailure("PutRecords to " + stream + " left " + pending.size()
                        + " records unsent after " + MAX_ATTEMPTS + " attempts (first error: "
                        + firstError(response) + ")");
            }
            Backoff.sleep(attempt);
        }
    }

    /** Response entries come back in request order; an entry with an error code was not written. */
    private static List<PutRecordsRequestEntry> failedEntries(List<PutRecordsRequestEntry> sent,
            PutRecordsResponse response) {
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return List.of();
        }
        List<PutRecordsRequestEntry> failed = new ArrayList<>();
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < sent.size(); i++) {
            if (results.get(i).errorCode() != null) {
                failed.add(sent.get(i));
            }
        }
        return failed;
    }

    private static String firstError(PutRecordsResponse response) {
        return response.records().stream()
                .filter(entry -> entry.errorCode() != null)
                .map(entry -> entry.errorCode() + ": " + entry.errorMessage())
                .findFirst()
                .orElse("none");
    }

    private static List<PutRecordsRequestEntry> entries(List<FeaturizedEvent> events) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(events.size());
        for (FeaturizedEvent event : events) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(event.userId())
                    .data(SdkBytes.fromByteArray(event.toBytes()))
                    .build());
        }
        return entries;
    }

    /** Splits entries into requests within both limits; the size counts data and partition key bytes. */
    static List<List<PutRecordsRequestEntry>> chunks(List<PutRecordsRequestEntry> entries) {
        List<List<PutRecordsRequestEntry>> chunks = new ArrayList<>();
        List<PutRecordsRequestEntry> current = new ArrayList<>();
        long currentBytes = 0;
        for (PutRecordsRequestEntry entry : entries) {
            long size = entry.data().asByteArrayUnsafe().length
                    + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
            if (!current.isEmpty()
                    && (current.size() == MAX_RECORDS_PER_REQUEST || currentBytes + size > MAX_BYTES_PER_REQUEST)) {
                chunks.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(entry);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
