package dev.streamrank.functions.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.Interaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The interaction log in S3, the training input: one JSON-lines object per batch.
 *
 * <p>The key is {@code log/<yyyy>/<MM>/<dd>/<shardId>-<firstSequenceNumber>-<lastSequenceNumber>.jsonl},
 * dated by the first record's arrival time (UTC), so a retried identical batch overwrites its own
 * object. Each line is the canonical {@link EventJson} form of one event and nothing else, so the
 * training job reads it back with the same parser the stream uses. Shard and sequence range are in
 * the key. Thread-safe when the client is.
 */
public final class InteractionLog {

    private static final DateTimeFormatter DATE_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String bucket;

    public InteractionLog(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Returns the log key of a batch; {@code firstArrival} is the first record's arrival time. */
    public static String key(String shardId, String firstSequenceNumber, String lastSequenceNumber,
            Instant firstArrival) {
        return StreamRankResources.LOG_PREFIX + DATE_PATH.format(firstArrival) + "/" + shardId + "-"
                + firstSequenceNumber + "-" + lastSequenceNumber + ".jsonl";
    }

    /**
     * Writes a batch's events, in the given order.
     *
     * @param mergeExisting keep the events of an object already stored under {@code key}. Set it when
     *                      some of the batch's events were already committed, which means a previous
     *                      attempt may have logged them here: overwriting would then lose them.
     * @return the number of lines in the object written
     * @throws DependencyFailure when S3 fails
     */
    public int write(String key, List<Interaction> events, boolean mergeExisting) {
        Map<String, String> lines = new LinkedHashMap<>();
        try {
            if (mergeExisting) {
                lines.putAll(read(key));
            }
            for (Interaction event : events) {
                lines.put(event.eventId(), EventJson.toLine(event));
            }

            StringBuilder body = new StringBuilder();
            lines.values().forEach(line -> body.append(line).append('\n'));
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson"),
                    RequestBody.fromString(body.toString(), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new DependencyFailure("writing the interaction log s3://" + bucket + "/" + key + " failed: "
                    + e.getMessage(), e);
        }
        return lines.size();
    }

    /** Reads an existing log object as event id to line, in file order; empty when there is none. */
    Map<String, String> read(String key) {
        Map<String, String> lines = new LinkedHashMap<>();
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(bucket).key(key));
                BufferedReader reader = new BufferedReader(new InputStreamReader(object, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.put(eventId(line), line);
                }
            }
        } catch (NoSuchKeyException e) {
            return lines;
        } catch (IOException e) {
            throw new DependencyFailure("reading the interaction log s3://" + bucket + "/" + key + " failed: "
                    + e.getMessage(), e);
        }
        return lines;
    }

    /** Lists the lines of a stored object; for tools and tests that check what the log holds. */
    public List<String> lines(String key) {
        return new ArrayList<>(read(key).values());
    }

    private static String eventId(String line) {
        try {
            return EventJson.MAPPER.readTree(line).path("eventId").asText();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("invalid line in an interaction log object: not JSON", e);
        }
    }
}
