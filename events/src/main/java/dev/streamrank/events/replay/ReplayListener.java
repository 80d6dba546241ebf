package dev.streamrank.events.replay;

/**
 * Progress callbacks of a replay; the CLI draws a progress bar from them. {@link #progressed} is called
 * from the catalog import's worker threads too, so implementations must be thread-safe.
 */
public interface ReplayListener {

    /** Does nothing; for in-process callers that only want the summary. */
    ReplayListener NONE = new ReplayListener() {
    };

    /**
     * Called when a phase starts.
     *
     * @param phase         {@code catalog} or {@code events}
     * @param expectedTotal how many items the phase will handle, or -1 when unknown
     */
    default void phaseStarted(String phase, long expectedTotal) {
    }

    /** Called as items finish (written or failed); {@code count} is the number since the last call. */
    default void progressed(long count) {
    }

    /** Called when a phase ends. */
    default void phaseFinished(String phase) {
    }
}
