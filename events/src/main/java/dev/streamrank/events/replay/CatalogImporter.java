package dev.streamrank.events.replay;

import dev.streamrank.events.movielens.CatalogItem;
import dev.streamrank.events.movielens.MovieLensDataset;
import dev.streamrank.state.ItemStateTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Writes catalog items (title, genres) into the items table with {@link ItemStateTable#upsertCatalog},
 * which leaves counters and popularity alone, so the import can run before, after or during a replay.
 *
 * <p>DynamoDB has no batch update, so items are written one UpdateItem each on a few threads. An item
 * that fails is counted with its id and the error; a missing table stops the import.
 */
public final class CatalogImporter {

    /** Concurrent UpdateItem calls; enough to hide round trips without tripping on-demand throttling. */
    public static final int DEFAULT_THREADS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogImporter.class);

    private final ItemStateTable table;
    private final int threads;

    public CatalogImporter(ItemStateTable table) {
        this(table, DEFAULT_THREADS);
    }

    public CatalogImporter(ItemStateTable table, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 (given " + threads + ")");
        }
        this.table = table;
        this.threads = threads;
    }

    /**
     * Outcome of an import.
     *
     * @param imported       items written
     * @param failed         items not written
     * @param failures       the first failures, at most {@link ReplaySummary#MAX_SAMPLES}
     * @param malformedLines catalog lines that could not be read (MovieLens imports only)
     */
    public record Result(long imported, long failed, List<FailedRecord> failures, long malformedLines) {
    }

    /** Imports the catalog of a MovieLens release. Malformed lines follow the dataset's policy. */
    public Result importMovieLens(MovieLensDataset dataset, LongConsumer progress) {
        long malformedBefore = dataset.report().count();
        Result result;
        try (Stream<CatalogItem> items = dataset.catalog()) {
            result = importItems(items, progress);
        }
        return new Result(result.imported(), result.failed(), result.failures(),
                dataset.report().count() - malformedBefore);
    }

    /**
     * Imports items, calling {@code progress} with the number of items finished (written or failed).
     *
     * @throws ReplayException when the table does not exist
     */
    public Result importItems(Stream<CatalogItem> items, LongConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "catalog-import");
            thread.setDaemon(true);
            return thread;
        });
        // Bounds the queued items, so a large catalog streams through instead of filling the heap.
        Semaphore inFlight = new Semaphore(threads * 4);
        AtomicLong imported = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<FailedRecord> failures = new ArrayList<>();
        AtomicReference<ResourceNotFoundException> missingTable = new AtomicReference<>();

        try {
            Iterator<CatalogItem> iterator = items.iterator();
            while (iterator.hasNext() && missingTable.get() == null) {
                CatalogItem item = iterator.next();
                acquire(inFlight);
                pool.execute(() -> {
                    try {
                        table.upsertCatalog(item.itemId(), item.title(), item.genres());
                        imported.incrementAndGet();
                    } catch (ResourceNotFoundException e) {
                        missingTable.compareAndSet(null, e);
                        failed.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        record(failures, new FailedRecord(item.itemId(), e.getClass().getSimpleName() + ": "
                                + e.getMessage()));
                    } finally {
                        inFlight.release();
                        progress.accept(1);
                    }
                });
            }
        } finally {
            pool.shutdown();
            awaitTermination(pool);
        }

        if (missingTable.get() != null) {
            throw new ReplayException("items table '" + table.tableName() + "' not found: "
                    + missingTable.get().getMessage() + "; create it, or pass an existing table with --items-table",
                    missingTable.get());
        }
        if (failed.get() > 0) {
            LOG.error("catalog import finished with failures table={} imported={} failed={}", table.tableName(),
                    imported.get(), failed.get());
        }
        synchronized (failures) {
            return new Result(imported.get(), failed.get(), List.copyOf(failures), 0);
        }
    }

    private static void record(List<FailedRecord> failures, FailedRecord failure) {
        synchronized (failures) {
            if (failures.size() < ReplaySummary.MAX_SAMPLES) {
                failures.add(failure);
            }
        }
    }

    private static void acquire(Semaphore semaphore) {
        try {
            semaphore.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while importing the catalog", e);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.info("waiting for catalog writes to finish");
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while importing the catalog", e);
        }
    }
}
