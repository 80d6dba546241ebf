package dev.streamrank.functions.preprocess;

import dev.streamrank.feature.ItemStateUpdater;
import dev.streamrank.feature.UserUpdate;
import dev.streamrank.state.Backoff;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.ItemStateTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes item counters, heat and co-occurrence for the events a batch applied to users, one
 * conditional put per item, re-reading and re-applying on a revision conflict like
 * {@link UserStateWriter}.
 */
final class ItemStateWriter {

    static final int MAX_WRITE_ATTEMPTS = 5;

    private final ItemStateTable table;
    private final ItemStateUpdater updater;

    ItemStateWriter(ItemStateTable table, ItemStateUpdater updater) {
        this.table = table;
        this.updater = updater;
    }

    /**
     * Applies each item's events and writes the items. Every item is attempted even when one fails,
     * so one bad item does not cost the others their counts.
     *
     * @param eventsByItem events applied to users in this attempt, grouped by item
     * @return the stored state of every item written
     * @throws DependencyFailure after the other items were attempted, when any item could not be
     *                           read or written
     */
    Map<String, ItemState> writeAll(Map<String, List<UserUpdate.AppliedEvent>> eventsByItem, BatchStats stats) {
        if (eventsByItem.isEmpty()) {
            return Map.of();
        }

        Map<String, ItemState> loaded;
        try {
            loaded = table.getAll(eventsByItem.keySet());
        } catch (SdkException | IllegalStateException e) {
            throw new DependencyFailure("reading " + eventsByItem.size() + " items from " + table.tableName()
                    + " failed: " + e.getMessage(), e);
        }

        Map<String, ItemState> written = new HashMap<>();
        DependencyFailure firstFailure = null;
        int failures = 0;
        for (Map.Entry<String, List<UserUpdate.AppliedEvent>> entry : eventsByItem.entrySet()) {
            try {
                written.put(entry.getKey(), write(loaded.get(entry.getKey()), entry.getValue(), stats));
            } catch (DependencyFailure e) {
                failures++;
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }

        if (firstFailure != null) {
            throw new DependencyFailure(failures + " of " + eventsByItem.size() + " items could not be written; first: "
                    + firstFailure.getMessage(), firstFailure);
        }
        return written;
    }

    private ItemState write(ItemState loaded, List<UserUpdate.AppliedEvent> events, BatchStats stats) {
        ItemState current = loaded;
        try {
            for (int attempt = 1; ; attempt++) {
                ItemState next = updater.apply(current, events);
                if (table.putIfUnchanged(next)) {
                    stats.itemsWritten++;
                    return next;
                }

                stats.itemWriteConflicts++;
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw new DependencyFailure("item '" + loaded.itemId() + "' changed under every one of "
                            + MAX_WRITE_ATTEMPTS + " conditional writes to " + table.tableName());
                }
                Backoff.sleep(attempt);
                current = table.get(loaded.itemId());
            }
        } catch (SdkException e) {
            throw new DependencyFailure("writing item '" + loaded.itemId() + "' to " + table.tableName()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
