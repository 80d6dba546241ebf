package dev.streamrank.functions.preprocess;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one invocation, for the summary log line and the metrics. Not thread-safe: one
 * instance belongs to one invocation.
 */
public final class BatchStats {

    String shardId = ShardRecord.UNKNOWN_SHARD;
    int records;
    /** Records that broke the event contract, stored under rejected/ or reported as failed. */
    int rejected;
    int duplicatesInBatch;
    /** Events found in the dedupe table: a previous batch committed them. */
    int duplicatesCommitted;
    /** Events already in the user's recent sequence: an earlier attempt applied them but did not commit. */
    int alreadyApplied;
    /** Events written to the interaction log: the valid, non-duplicate ones. */
    int accepted;
    int usersWritten;
    int userWriteConflicts;
    int usersFailed;
    int itemsWritten;
    int itemWriteConflicts;
    int featurizedSent;
    int failedRecords;
    /** The batch-wide step that failed, or null. */
    String failedStep;
    long cpuMillis;
    long elapsedMillis;

    public int records() {
        return records;
    }

    public int rejected() {
        return rejected;
    }

    public int accepted() {
        return accepted;
    }

    public int duplicates() {
        return duplicatesInBatch + duplicatesCommitted;
    }

    public int alreadyApplied() {
        return alreadyApplied;
    }

    public int usersWritten() {
        return usersWritten;
    }

    public int userWriteConflicts() {
        return userWriteConflicts;
    }

    public int itemsWritten() {
        return itemsWritten;
    }

    public int featurizedSent() {
        return featurizedSent;
    }

    public String failedStep() {
        return failedStep;
    }

    /** Returns the counters under the fixed keys of the summary log line, in a stable order. */
    public Map<String, Object> asMap() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shardId", shardId);
        fields.put("records", records);
        fields.put("accepted", accepted);
        fields.put("rejected", rejected);
        fields.put("duplicatesInBatch", duplicatesInBatch);
        fields.put("duplicatesCommitted", duplicatesCommitted);
        fields.put("alreadyApplied", alreadyApplied);
        fields.put("usersWritten", usersWritten);
        fields.put("userWriteConflicts", userWriteConflicts);
        fields.put("usersFailed", usersFailed);
        fields.put("itemsWritten", itemsWritten);
        fields.put("itemWriteConflicts", itemWriteConflicts);
        fields.put("featurizedSent", featurizedSent);
        fields.put("failedRecords", failedRecords);
        fields.put("failedStep", failedStep == null ? "none" : failedStep);
        fields.put("cpuMs", cpuMillis);
        fields.put("elapsedMs", elapsedMillis);
        return fields;
    }
}
