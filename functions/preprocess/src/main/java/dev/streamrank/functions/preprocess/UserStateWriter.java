package dev.streamrank.functions.preprocess;

import dev.streamrank.event.Interaction;
import dev.streamrank.feature.UserStateUpdater;
import dev.streamrank.feature.UserUpdate;
import dev.streamrank.state.Backoff;
import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Loads users and writes each user's events with one conditional put.
 *
 * <p>A put loses when another writer (the online update function, or a concurrent batch) changed the
 * user since it was read; the writer then re-reads that user and re-applies the same events, up to
 * {@link #MAX_WRITE_ATTEMPTS} puts. Events already in the user's recent sequence are not applied
 * again, which makes a retried batch harmless for users.
 */
final class UserStateWriter {

    static final int MAX_WRITE_ATTEMPTS = 5;

    private final UserStateTable table;
    private final UserStateUpdater updater;

    UserStateWriter(UserStateTable table, UserStateUpdater updater) {
        this.table = table;
        this.updater = updater;
    }

    /**
     * Reads the users with BatchGetItem, 100 keys per call.
     *
     * @throws DependencyFailure when DynamoDB fails or keeps keys unprocessed
     */
    Map<String, UserState> load(Collection<String> userIds) {
        try {
            return table.getAll(userIds);
        } catch (SdkException | IllegalStateException e) {
            throw new DependencyFailure("reading " + userIds.size() + " users from " + table.tableName()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Applies one user's events to the loaded state and writes the result.
     *
     * @param events the user's events in arrival order, free of within-batch duplicates
     * @param stats  receives write and conflict counts
     * @return the update that was stored; nothing is written when no event was new to the user
     * @throws DependencyFailure when DynamoDB fails or the conflicts outlast the attempts
     */
    UserUpdate write(UserState loaded, List<Interaction> events, BatchStats stats) {
        UserState current = loaded;
        try {
            for (int attempt = 1; ; attempt++) {
                UserUpdate update = updater.apply(current, events);
                if (update.applied().isEmpty()) {
                    return update;
                }
                if (table.putIfUnchanged(update.state())) {
                    stats.usersWritten++;
                    return update;
                }

                stats.userWriteConflicts++;
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw new DependencyFailure("user '" + loaded.userId() + "' changed under every one of "
                            + MAX_WRITE_ATTEMPTS + " conditional writes to " + table.tableName());
                }
                Backoff.sleep(attempt);
                current = table.get(loaded.userId());
            }
        } catch (SdkException e) {
            // NOTE: every SDK error counts as retryable, including ones a retry cannot cure (a user item
            // over DynamoDB's 400 KB limit). The event source mapping's maximum retry attempts and its
            // on-failure destination bound those, instead of this function dropping a user's events.
            throw new DependencyFailure("writing user '" + loaded.userId() + "' to " + table.tableName()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
