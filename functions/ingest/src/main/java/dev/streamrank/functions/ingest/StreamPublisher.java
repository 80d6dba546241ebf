package dev.streamrank.functions.ingest;

import dev.streamrank.event.EventJson;
import dev.streamrank.event.Interaction;
import dev.streamrank.functions.http.DependencyFailureException;
import dev.streamrank.state.Backoff;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts events on the interactions stream with PutRecords, partition key {@code userId} so each
 * user's events stay ordered within a shard. Thread-safe when the client is.
 *
 * <p>Entries that fail (throttling, internal errors) are retried alone with backoff, up to
 * {@value #MAX_ATTEMPTS} attempts in all. Retried entries may land after later entries of the same
 * request; the preprocess function orders each user's events by event time, so this is harmless.
 */
final class StreamPublisher {

    static final int MAX_ATTEMPTS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(StreamPublisher.class);

    private final KinesisClient kinesis;
    private final String stream;

    StreamPublisher(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /**
     * Puts every event, at most 500 (the PutRecords limit).
     *
     * @throws DependencyFailureException when some events are still not stored after the last attempt;
     *                                    the message gives their count
     */
    void publish(List<Interaction> events) {
        if (events.size() > 500) {
            throw new IllegalArgumentException("PutRecords takes at most 500 records (given " + events.size() + ")");
        }
        List<PutRecordsRequestEntry> pending = new ArrayList<>(events.size());
        for (Interaction event : events) {
            pending.add(PutRecordsRequestEntry.builder()
                    .partitionKey(event.userId())
                    .data(SdkBytes.fromByteArray(EventJson.toBytes(event)))
                    .build());
        }

        SdkException lastError = null;
        String lastErrorCode = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                LOG.warn("retrying {} of {} events on stream {} (attempt {} of {}, last error {})", pending.size(),
                        events.size(), stream, attempt, MAX_ATTEMPTS, lastErrorCode);
                Backoff.sleep(attempt - 1);
            }

            List<PutRecordsRequestEntry> sent = pending;
            try {
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(sent));
                pending = failedEntries(sent, response.records());
                if (!pending.isEmpty()) {
                    lastErrorCode = firstErrorCode(response.records());
                }
            } catch (SdkException e) {
                lastError = e;
                lastErrorCode = e.getClass().getSimpleName();
            }
        }

        if (!pending.isEmpty()) {
            throw new DependencyFailureException(pending.size() + " of " + events.size()
                    + " events could not be put on the interactions stream; send the request again"
                    + " (events already stored are recognised by eventId and not counted twice)", lastError);
        }
    }

    /** Result entries line up with request entries; a failed one carries an error code instead of a sequence number. */
    private static List<PutRecordsRequestEntry> failedEntries(List<PutRecordsRequestEntry> sent,
            List<PutRecordsResultEntry> results) {
        List<PutRecordsRequestEntry> failed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (results.get(i).errorCode() != null) {
                failed.add(sent.get(i));
            }
        }
        return failed;
    }

    private static String firstErrorCode(List<PutRecordsResultEntry> results) {
        return results.stream().map(PutRecordsResultEntry::errorCode).filter(code -> code != null).findFirst()
                .orElse(null);
    }
}
