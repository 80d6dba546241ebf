package dev.streamrank.local.kinesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes each failed batch to S3 as the JSON invocation record Lambda sends to an S3 on-failure
 * destination for a Kinesis source ({@code requestContext}, {@code responseContext},
 * {@code KinesisBatchInfo}), one object per batch under
 * {@code <prefix><function>/<shardId>/<startSequence>-<endSequence>.json}.
 *
 * <p>The client stays owned by the caller.
 */
public final class S3OnFailureDestination implements OnFailureDestination {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3OnFailureDestination(S3Client s3, String bucket, String prefix) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket of the on-failure destination must not be blank");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    /** Returns the S3 key that {@link #send} writes {@code batch} to. */
    public String keyOf(FailedBatch batch) {
        return prefix + batch.functionName() + "/" + batch.shardId() + "/" + batch.startSequenceNumber() + "-"
                + batch.endSequenceNumber() + ".json";
    }

    @Override
    public void send(FailedBatch batch) {
        byte[] body = toJson(batch).toString().getBytes(StandardCharsets.UTF_8);
        s3.putObject(b -> b.bucket(bucket).key(keyOf(batch)).contentType("application/json"),
                RequestBody.fromBytes(body));
    }

    static ObjectNode toJson(FailedBatch batch) {
        ObjectNode root = JSON.createObjectNode();

        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", batch.shardId() + ":" + batch.startSequenceNumber());
        request.put("functionArn", batch.functionArn());
        request.put("condition", FailedBatch.CONDITION);
        request.put("approximateInvokeCount", batch.invokeCount());

        ObjectNode response = root.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        response.put("lastError", batch.lastError());

        root.put("version", "1.0");
        root.put("timestamp", batch.failedAt().toString());

        ObjectNode info = root.putObject("KinesisBatchInfo");
        info.put("shardId", batch.shardId());
        info.put("startSequenceNumber", batch.startSequenceNumber());
        info.put("endSequenceNumber", batch.endSequenceNumber());
        info.put("approximateArrivalOfFirstRecord", String.valueOf(batch.firstArrival()));
        info.put("approximateArrivalOfLastRecord", String.valueOf(batch.lastArrival()));
        info.put("batchSize", batch.batchSize());
        info.put("streamArn", batch.streamArn());
        return root;
    }
}
