package dev.streamrank.artifact;

import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Model versions under an S3 prefix, normally {@code models/} of the StreamRank bucket. A PUT is
 * atomic per object, so readers see either the old or the new object.
 */
public final class S3ArtifactStorage implements ArtifactStorage {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** @param prefix key prefix ending in '/', such as {@code models/} */
    public S3ArtifactStorage(S3Client s3, String bucket, String prefix) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("S3 prefix must end with '/', found '" + prefix + "'");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(prefix + key).build())
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String key, byte[] content) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(prefix + key).build(), RequestBody.fromBytes(content));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
