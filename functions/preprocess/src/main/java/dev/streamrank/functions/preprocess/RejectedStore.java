package dev.streamrank.functions.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.InvalidEventException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Stores records that break the event contract under {@code rejected/} in S3, one JSON document per
 * record, so nothing invalid is dropped silently and nothing invalid is retried forever.
 *
 * <p>The key is {@code rejected/<yyyy>/<MM>/<dd>/<shardId>/<sequenceNumber>.json}, dated by the
 * record's arrival time (UTC): a retried batch overwrites the same object instead of adding a copy.
 * Thread-safe when the client is.
 */
public final class RejectedStore {

    private static final DateTimeFormatter DATE_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String bucket;

    public RejectedStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Writes one rejected record with its reason.
     *
     * @param arrivalTime the record's arrival time, or the processing time when Kinesis gave none
     * @return the S3 key written
     * @throws DependencyFailure when S3 rejects or fails the upload
     */
    public String store(ShardRecord record, InvalidEventException reason, Instant arrivalTime, Instant rejectedAt) {
        String key = key(record, arrivalTime);
        byte[] document = document(record, reason, arrivalTime, rejectedAt);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromBytes(document));
        } catch (SdkException e) {
            throw new DependencyFailure("storing rejected record " + record.sequenceNumber() + " at s3://" + bucket
                    + "/" + key + " failed: " + e.getMessage(), e);
        }
        return key;
    }

    static String key(ShardRecord record, Instant arrivalTime) {
        return StreamRankResources.REJECTED_PREFIX + DATE_PATH.format(arrivalTime) + "/" + record.shardId() + "/"
                + record.sequenceNumber() + ".json";
    }

    private static byte[] document(ShardRecord record, InvalidEventException reason, Instant arrivalTime,
            Instant rejectedAt) {
        ObjectNode node = EventJson.MAPPER.createObjectNode();
        node.put("reason", reason.getMessage());
        node.put("field", reason.field());
        node.put("sequenceNumber", record.sequenceNumber());
        node.put("shardId", record.shardId());
        node.put("partitionKey", record.partitionKey());
        node.put("arrivalTime", arrivalTime.toString());
        node.put("streamArn", record.streamArn());
        node.put("rejectedAt", rejectedAt.toString());
        node.put("dataBase64", Base64.getEncoder().encodeToString(record.data()));
        String text = utf8(record.data());
        if (text != null) {
            node.put("dataText", text);
        }

        try {
            return EventJson.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings could not be written", e);
        }
    }

    /** Returns the payload as text when it is valid UTF-8, else null (the base64 form always exists). */
    static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
