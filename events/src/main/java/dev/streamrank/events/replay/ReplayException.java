package dev.streamrank.events.replay;

/**
 * Thrown when a replay cannot go on at all, for example because the stream does not exist. Failures of
 * single records do not throw; they are counted in the {@link ReplaySummary}.
 */
public final class ReplayException extends RuntimeException {

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
