package dev.streamrank.functions.preprocess;

import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.Interaction;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.event.InvalidEventException;
import dev.streamrank.feature.FeatureConfig;
import dev.streamrank.feature.ItemStateUpdater;
import dev.streamrank.feature.Signals;
import dev.streamrank.feature.UserStateUpdater;
import dev.streamrank.feature.UserUpdate;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.state.DedupeTable;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.ItemStateTable;
import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Processes one batch of Kinesis records from one shard: validate, de-duplicate, update user and
 * item state, append to the interaction log, forward featurized events, and commit the event ids.
 *
 * <p>Failure contract: invalid records go to the rejected store and are never reported as failed.
 * A user whose state cannot be written reports the lowest sequence number among that user's
 * records. A failing batch-wide step (dedupe lookup, user load, items, log, featurized stream,
 * dedupe commit) reports the batch's first record. Lambda then delivers the batch again from the
 * lowest reported record. Every retry is safe because the steps are ordered so that each one
 * recognises the work of an earlier attempt: users skip events already in their recent sequence,
 * the log key is derived from the batch, and the dedupe table is written last, as the commit point.
 *
 * <p>Clients are created once, in the constructor. Not meant for concurrent calls with shared state:
 * each call keeps its own counters, and the tables and clients are thread-safe.
 */
public final class PreprocessService {

    private static final Logger LOG = LoggerFactory.getLogger(PreprocessService.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final FeatureConfig features;
    private final InteractionParser parser;
    private final RejectedStore rejectedStore;
    private final DedupeTable dedupe;
    private final UserStateUpdater userUpdater;
    private final UserStateWriter users;
    private final ItemStateWriter items;
    private final InteractionLog log;
    private final FeaturizedStream featurized;
    private final PreprocessMetrics metrics;
    private final Clock clock;

    public PreprocessService(FunctionEnvironment environment) {
        this(environment, Clock.systemUTC());
    }

    PreprocessService(FunctionEnvironment environment, Clock clock) {
        StreamRankResources resources = environment.resources();
        var dynamo = environment.clients().dynamoDb();
        var s3 = environment.clients().s3();

        this.features = environment.features();
        this.parser = new InteractionParser(features.eventTypes());
        this.rejectedStore = new RejectedStore(s3, resources.bucket());
        this.dedupe = new DedupeTable(dynamo, resources.dedupeTable(), features.dedupeTtl());
        this.userUpdater = new UserStateUpdater(features);
        this.users = new UserStateWriter(new UserStateTable(dynamo, resources.usersTable()), userUpdater);
        this.items = new ItemStateWriter(new ItemStateTable(dynamo, resources.itemsTable()),
                new ItemStateUpdater(features));
        this.log = new InteractionLog(s3, resources.bucket());
        this.featurized = new FeaturizedStream(environment.clients().kinesis(), resources.featurizedStream());
        this.metrics = PreprocessMetrics.create(environment);
        this.clock = clock;
    }

    /**
     * Processes one batch.
     *
     * @param records one shard's records in ascending sequence order, as Lambda delivers them
     * @return the sequence numbers to report as failed (retryable), and the invocation's counters
     */
    public BatchResult process(List<ShardRecord> records) {
        long startNanos = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        BatchStats stats = new BatchStats();
        stats.records = records.size();
        stats.shardId = records.isEmpty() ? ShardRecord.UNKNOWN_SHARD : records.get(0).shardId();

        List<String> failed;
        try (MDC.MDCCloseable shard = MDC.putCloseable("shardId", stats.shardId)) {
            failed = records.isEmpty() ? List.of() : run(records, stats);
        }

        stats.failedRecords = failed.size();
        stats.cpuMillis = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1_000_000;
        stats.elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        logSummary(stats);
        metrics.publish(stats);
        return new BatchResult(failed, stats);
    }

    private List<String> run(List<ShardRecord> records, BatchStats stats) {
        Instant now = clock.instant();
        Set<String> failed = new TreeSet<>(ShardRecord.SEQUENCE_ORDER);

        List<AcceptedEvent> valid = parse(records, now, failed, stats);
        List<AcceptedEvent> unique = dropBatchDuplicates(valid, stats);

        String step = "dedupe lookup";
        try {
            List<AcceptedEvent> fresh = dropCommitted(unique, now, stats);

            step = "user state";
            List<UserOutcome> outcomes = writeUsers(fresh, failed, stats);

            // Users first, then items, so item counters never count an event that no user state holds.
            // NOTE: a crash or failure between the user writes and the item writes undercounts those
            // items: on retry the events are already in the users' sequences and are not applied again.
            // That is the accepted trade-off against double counting.
            step = "item state";
            Map<String, ItemState> itemStates = items.writeAll(eventsByItem(outcomes), stats);

            step = "interaction log";
            List<AcceptedEvent> toLog = eventsOf(fresh, outcomes);
            writeLog(records, toLog, stats);

            step = "featurized stream";
            stats.featurizedSent = forward(outcomes, toLog, itemStates);

            step = "dedupe commit";
            commit(toLog, now);
        } catch (DependencyFailure e) {
            stats.failedStep = step;
            LOG.warn("preprocess step '{}' failed; reporting the batch's first record {} for retry: {}",
                    step, records.get(0).sequenceNumber(), e.getMessage(), e);
            return List.of(records.get(0).sequenceNumber());
        }
        return List.copyOf(failed);
    }

    /** Parses every record; invalid ones go to the rejected store. */
    private List<AcceptedEvent> parse(List<ShardRecord> records, Instant now, Set<String> failed, BatchStats stats) {
        List<AcceptedEvent> valid = new ArrayList<>(records.size());
        for (ShardRecord record : records) {
            try {
                valid.add(new AcceptedEvent(record, parser.parse(record.data())));
            } catch (InvalidEventException reason) {
                stats.rejected++;
                reject(record, reason, now, failed);
            }
        }
        return valid;
    }

    private void reject(ShardRecord record, InvalidEventException reason, Instant now, Set<String> failed) {
        Instant arrival = record.arrivalTime() == null ? now : record.arrivalTime();
        try {
            String key = rejectedStore.store(record, reason, arrival, now);
            LOG.info("rejected record {} (field '{}') stored at {}", record.sequenceNumber(), reason.field(), key);
        } catch (DependencyFailure e) {
            // The record is neither processed nor stored, so it must come back.
            failed.add(record.sequenceNumber());
            LOG.warn("rejected record {} could not be stored; reporting it for retry: {}", record.sequenceNumber(),
                    e.getMessage(), e);
        }
    }

    /** Keeps the first occurrence of each event id; producers retrying a put create the later ones. */
    private static List<AcceptedEvent> dropBatchDuplicates(List<AcceptedEvent> valid, BatchStats stats) {
        Set<String> ids = new HashSet<>();
        List<AcceptedEvent> unique = new ArrayList<>(valid.size());
        for (AcceptedEvent accepted : valid) {
            if (ids.add(accepted.event().eventId())) {
                unique.add(accepted);
            } else {
                stats.duplicatesInBatch++;
            }
        }
        return unique;
    }

    private List<AcceptedEvent> dropCommitted(List<AcceptedEvent> unique, Instant now, BatchStats stats) {
        if (unique.isEmpty()) {
            return unique;
        }
        Set<String> committed;
        try {
            committed = dedupe.findSeen(unique.stream().map(a -> a.event().eventId()).toList(), now);
        } catch (SdkException | IllegalStateException e) {
            throw new DependencyFailure("dedupe lookup failed: " + e.getMessage(), e);
        }
        stats.duplicatesCommitted = committed.size();
        return unique.stream().filter(a -> !committed.contains(a.event().eventId())).toList();
    }

    /** Writes each user once; a user that fails reports its own lowest sequence number. */
    private List<UserOutcome> writeUsers(List<AcceptedEvent> fresh, Set<String> failed, BatchStats stats) {
        Map<String, List<AcceptedEvent>> byUser = new LinkedHashMap<>();
        for (AcceptedEvent accepted : fresh) {
            byUser.computeIfAbsent(accepted.event().userId(), id -> new ArrayList<>()).add(accepted);
        }
        if (byUser.isEmpty()) {
            return List.of();
        }
        Map<String, UserState> loaded = users.load(byUser.keySet());

        List<UserOutcome> outcomes = new ArrayList<>(byUser.size());
        for (Map.Entry<String, List<AcceptedEvent>> entry : byUser.entrySet()) {
            List<AcceptedEvent> userEvents = entry.getValue();
            try {
                UserUpdate update = users.write(loaded.get(entry.getKey()), userEvents.stream()
                        .map(AcceptedEvent::event).toList(), stats);
                stats.alreadyApplied += update.duplicates().size();
                outcomes.add(new UserOutcome(update));
            } catch (DependencyFailure e) {
                String lowest = userEvents.stream().map(a -> a.record().sequenceNumber())
                        .min(ShardRecord.SEQUENCE_ORDER).orElseThrow();
                failed.add(lowest);
                stats.usersFailed++;
                LOG.warn("user state write failed; reporting record {} for retry: {}", lowest, e.getMessage(), e);
            }
        }
        return outcomes;
    }

    private static Map<String, List<UserUpdate.AppliedEvent>> eventsByItem(List<UserOutcome> outcomes) {
        Map<String, List<UserUpdate.AppliedEvent>> byItem = new LinkedHashMap<>();
        for (UserOutcome outcome : outcomes) {
            for (UserUpdate.AppliedEvent applied : outcome.update().applied()) {
                byItem.computeIfAbsent(applied.event().itemId(), id -> new ArrayList<>()).add(applied);
            }
        }
        return byItem;
    }

    /** Returns the events of users whose state is stored, in batch order. */
    private static List<AcceptedEvent> eventsOf(List<AcceptedEvent> fresh, List<UserOutcome> outcomes) {
        Set<String> storedUsers = outcomes.stream().map(o -> o.update().state().userId()).collect(Collectors.toSet());
        return fresh.stream().filter(a -> storedUsers.contains(a.event().userId())).toList();
    }

    private void writeLog(List<ShardRecord> records, List<AcceptedEvent> toLog, BatchStats stats) {
        if (toLog.isEmpty()) {
            // A replayed batch whose events are all committed keeps its log object untouched.
            return;
        }
        ShardRecord first = records.get(0);
        ShardRecord last = records.get(records.size() - 1);
        Instant firstArrival = first.arrivalTime() == null ? clock.instant() : first.arrivalTime();
        String key = InteractionLog.key(first.shardId(), first.sequenceNumber(), last.sequenceNumber(), firstArrival);

        // Some events already committed means an earlier attempt of this batch may have logged them
        // under the same key, so the stored object is merged instead of overwritten.
        // NOTE: exactly-once holds when Lambda retries the same records. A retry that starts at the same
        // record but ends later gets a new key, and events an earlier attempt logged without committing
        // then appear in both objects; readers of the log should de-duplicate by eventId.
        boolean mergeExisting = stats.duplicatesCommitted > 0;
        log.write(key, toLog.stream().map(AcceptedEvent::event).toList(), mergeExisting);
        stats.accepted = toLog.size();
    }

    private int forward(List<UserOutcome> outcomes, List<AcceptedEvent> toLog, Map<String, ItemState> itemStates) {
        Map<String, FeaturizedEvent> byEventId = new HashMap<>();
        for (UserOutcome outcome : outcomes) {
            for (UserUpdate.AppliedEvent applied : outcome.update().applied()) {
                byEventId.put(applied.event().eventId(),
                        featurize(applied.event(), applied.signal(), applied.preceding(), itemStates));
            }
            // Applied by an earlier attempt that did not commit: featurized again from the stored
            // sequence, so the stream receives every logged event at least once.
            for (Interaction event : outcome.update().duplicates()) {
                byEventId.put(event.eventId(), featurize(event, Signals.signal(event, features),
                        userUpdater.precedingOf(outcome.update().state(), event.eventId()), itemStates));
            }
        }

        List<FeaturizedEvent> events = toLog.stream().map(a -> byEventId.get(a.event().eventId())).toList();
        if (!events.isEmpty()) {
            featurized.send(events);
        }
        return events.size();
    }

    private static FeaturizedEvent featurize(Interaction event, double signal, List<String> preceding,
            Map<String, ItemState> itemStates) {
        ItemState item = itemStates.get(event.itemId());
        return new FeaturizedEvent(event.eventId(), event.userId(), event.itemId(), event.type(),
                event.timestamp(), event.value(), signal, preceding,
                item == null ? null : item.heat(),
                item == null ? null : Instant.ofEpochMilli(item.heatAtMillis()));
    }

    private void commit(List<AcceptedEvent> toLog, Instant now) {
        if (toLog.isEmpty()) {
            return;
        }
        try {
            dedupe.remember(toLog.stream().map(a -> a.event().eventId()).toList(), now);
        } catch (SdkException | IllegalStateException e) {
            throw new DependencyFailure("dedupe commit failed: " + e.getMessage(), e);
        }
    }

    private static void logSummary(BatchStats stats) {
        LoggingEventBuilder summary = LOG.atInfo();
        stats.asMap().forEach(summary::addKeyValue);
        summary.log("preprocess batch done");
    }

    /** A valid event with the record it came in. */
    private record AcceptedEvent(ShardRecord record, Interaction event) {
    }

    /** A user whose state is stored. */
    private record UserOutcome(UserUpdate update) {
    }

    /**
     * The outcome of one batch.
     *
     * @param failedSequenceNumbers records to report in {@code batchItemFailures}, ascending
     * @param stats                 the invocation's counters
     */
    public record BatchResult(List<String> failedSequenceNumbers, BatchStats stats) {
    }
}
