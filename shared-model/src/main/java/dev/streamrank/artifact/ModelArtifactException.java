package dev.streamrank.artifact;

/**
 * A model version cannot be used: CURRENT or the manifest is missing, a file is missing or its
 * sha256 differs from the manifest, or a file does not parse. The caller keeps the model it has
 * (or falls back to popularity); publishing the version again is the fix.
 */
public final class ModelArtifactException extends Exception {

    public ModelArtifactException(String message) {
        super(message);
    }

    public ModelArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
