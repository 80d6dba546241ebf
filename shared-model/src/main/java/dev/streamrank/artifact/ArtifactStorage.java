package dev.streamrank.artifact;

import java.io.IOException;
import java.util.Optional;

/**
 * Storage of model versions: a local directory or an S3 prefix. Keys are relative paths such as
 * {@code CURRENT} or {@code 20250101T000000Z/model.onnx}.
 */
public interface ArtifactStorage {

    /** Returns the object's bytes, or empty when it does not exist. */
    Optional<byte[]> read(String key) throws IOException;

    /** Writes the object whole; a reader never sees a partly written object. */
    void write(String key, byte[] content) throws IOException;

    /** Names the location for messages, such as {@code s3://bucket/models/}. */
    String describe();
}
