package dev.streamrank.events.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Sends one batch with PutRecords and retries what did not get through.
 *
 * <p>PutRecords succeeds or fails per record: a call can return with some entries marked
 * {@code ProvisionedThroughputExceededException} or {@code InternalFailure}. Only those entries are
 * sent again, after a backoff, up to {@code maxAttempts} calls per batch. A whole call that fails with
 * a retryable error (network, throttling, 5xx) is retried the same way; any other error fails the batch.
 * Retried records can land after later records of the same user; consumers order a user's events by
 * timestamp, not by arrival. Not thread-safe.
 */
public final class PutRecordsSender {

    private static final Logger LOG = LoggerFactory.getLogger(PutRecordsSender.class);

    private final Function<PutRecordsRequest, PutRecordsResponse> putRecords;
    private final String stream;
    private final int maxAttempts;
    private final IntConsumer backoff;

    /**
     * @param putRecords  the call, normally {@code kinesisClient::putRecords}
     * @param maxAttempts calls per batch including the first, at least 1
     * @param backoff     sleeps before retry number n (1-based), normally {@code Backoff::sleep}
     */
    public PutRecordsSender(Function<PutRecordsRequest, PutRecordsResponse> putRecords, String stream,
            int maxAttempts, IntConsumer backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (given " + maxAttempts + ")");
        }
        this.putRecords = putRecords;
        this.stream = stream;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /**
     * Outcome of one batch.
     *
     * @param sent    records written
     * @param retried record sends repeated after a failure (one record retried twice counts 2)
     * @param failed  records given up on, with the last error
     */
    public record Result(int sent, int retried, List<FailedRecord> failed) {
    }

    /**
     * Sends the batch.
     *
     * @throws ReplayException when the stream does not exist, which no retry can fix
     */
    public Result send(List<OutgoingRecord> batch) {
        List<OutgoingRecord> pending = batch;
        List<String> errors = new ArrayList<>();
        int sent = 0;
        int retried = 0;

        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                backoff.accept(attempt - 1);
                retried += pending.size();
            }

            PutRecordsResponse response;
            try {
                response = putRecords.apply(request(pending));
            } catch (ResourceNotFoundException e) {
                throw new ReplayException("Kinesis stream '" + stream + "' not found: " + e.getMessage()
                        + "; create it, or pass the name of an existing stream with --stream", e);
            } catch (SdkException e) {
                String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (!isRetryable(e) || attempt == maxAttempts) {
                    return new Result(sent, retried, failAll(pending, reason, attempt));
                }
                LOG.warn("PutRecords call failed, retrying stream={} records={} attempt={} error={}", stream,
                        pending.size(), attempt, reason);
                continue;
            }

            List<OutgoingRecord> failed = new ArrayList<>();
            errors.clear();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < pending.size(); i++) {
                PutRecordsResultEntry result = results.get(i);
                if (result.errorCode() == null) {
                    sent++;
                } else {
                    failed.add(pending.get(i));
                    errors.add(result.errorCode() + ": " + result.errorMessage());
                }
            }
            if (!failed.isEmpty() && attempt == maxAttempts) {
                return new Result(sent, retried, giveUp(failed, errors, attempt));
            }
            if (!failed.isEmpty()) {
                LOG.warn("PutRecords partly failed, retrying stream={} failed={} of={} attempt={} firstError={}",
                        stream, failed.size(), pending.size(), attempt, errors.get(0));
            }
            pending = failed;
        }
        return new Result(sent, retried, List.of());
    }

    private PutRecordsRequest request(List<OutgoingRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (OutgoingRecord record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .build());
        }
        return PutRecordsRequest.builder().streamName(stream).records(entries).build();
    }

    /** Network errors, throttling and server-side (5xx) errors may pass on a later try; others will not. */
    private static boolean isRetryable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e.retryable();
    }

    private List<FailedRecord> failAll(List<OutgoingRecord> records, String reason, int attempts) {
        LOG.error("PutRecords call failed, giving up stream={} records={} attempts={} error={}", stream,
                records.size(), attempts, reason);
        return records.stream().map(record -> new FailedRecord(record.eventId(), reason)).toList();
    }

    private List<FailedRecord> giveUp(List<OutgoingRecord> records, List<String> errors, int attempts) {
        LOG.error("records still failing after retries, giving up stream={} records={} attempts={} firstError={}",
                stream, records.size(), attempts, errors.get(0));
        List<FailedRecord> failed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            failed.add(new FailedRecord(records.get(i).eventId(), "failed after " + attempts + " attempts, last error "
                    + errors.get(i)));
        }
        return failed;
    }
}
