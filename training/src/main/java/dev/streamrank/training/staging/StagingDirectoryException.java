package dev.streamrank.training.staging;

/**
 * A staging directory is missing, incomplete or inconsistent. The message names the file and the
 * command that writes it; the command line reports it as a usage error (exit code 2).
 */
public final class StagingDirectoryException extends Exception {

    public StagingDirectoryException(String message) {
        super(message);
    }

    public StagingDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
