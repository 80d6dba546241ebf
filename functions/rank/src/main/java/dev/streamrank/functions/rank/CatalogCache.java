package dev.streamrank.functions.rank;

import dev.streamrank.functions.http.DependencyFailureException;
import dev.streamrank.rank.Catalog;
import dev.streamrank.state.ItemStateTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The rank function's in-memory snapshot of the items table, loaded on first use and reloaded
 * when older than the refresh interval.
 *
 * <p>When a reload fails, the last good snapshot keeps serving, marked stale, and the next reload
 * is tried one refresh interval later. Thread-safe: one caller reloads while others wait.
 */
final class CatalogCache {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);

    private final ItemStateTable items;
    private final Duration heatHalfLife;
    private final Duration refresh;
    private final Clock clock;

    private Snapshot current;
    private Instant lastAttempt;

    CatalogCache(ItemStateTable items, Duration heatHalfLife, Duration refresh, Clock clock) {
        this.items = items;
        this.heatHalfLife = heatHalfLife;
        this.refresh = refresh;
        this.clock = clock;
    }

    /**
     * Returns the current snapshot, reloading it first when it is due.
     *
     * @throws DependencyFailureException when the table cannot be read and no snapshot was ever loaded
     */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        boolean due = lastAttempt == null || !now.isBefore(lastAttempt.plus(refresh));
        if (!due) {
            return current;
        }

        lastAttempt = now;
        try {
            long started = System.nanoTime();
            Catalog catalog = Catalog.of(items.scanAll(), heatHalfLife);
            current = new Snapshot(catalog, now, false);
            LOG.debug("catalog loaded: {} items in {} ms", catalog.size(), (System.nanoTime() - started) / 1_000_000);
            return current;
        } catch (SdkException e) {
            if (current == null) {
                LOG.warn("catalog load from table {} failed and no earlier snapshot exists", items.tableName(), e);
                throw new DependencyFailureException("the item catalog is unavailable; retry the request later", e);
            }
            LOG.warn("catalog reload from table {} failed; serving the snapshot loaded at {}", items.tableName(),
                    current.loadedAt(), e);
            current = new Snapshot(current.catalog(), current.loadedAt(), true);
            return current;
        }
    }

    /**
     * One catalog snapshot.
     *
     * @param catalog  the items
     * @param loadedAt when the snapshot was read from the table
     * @param stale    true when the latest reload failed, so the snapshot may miss recent changes
     */
    record Snapshot(Catalog catalog, Instant loadedAt, boolean stale) {
    }
}
