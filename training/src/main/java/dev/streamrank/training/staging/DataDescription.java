package dev.streamrank.training.staging;

import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.training.data.LeaveOneOutSplit;
import dev.streamrank.training.data.SequenceDataset;
import java.time.Instant;

/**
 * The description of a model's training data, as the train step stores it in {@code data.json}
 * and the manifest's {@link ModelManifest.DataRange} repeats it.
 *
 * @param source         where the interactions came from (file, directory or S3 URI)
 * @param firstEvent     earliest event time, ISO-8601
 * @param lastEvent      latest event time, ISO-8601
 * @param interactions   interactions read
 * @param users          distinct users
 * @param items          distinct items N
 * @param usersEvaluated users with validation and test targets (three or more interactions)
 */
public record DataDescription(String source, String firstEvent, String lastEvent, long interactions, int users,
        int items, int usersEvaluated) {

    /** Describes a dataset read from {@code source} and its split. */
    public static DataDescription of(String source, SequenceDataset dataset, LeaveOneOutSplit split) {
        return new DataDescription(source, Instant.ofEpochMilli(dataset.firstTimestamp()).toString(),
                Instant.ofEpochMilli(dataset.lastTimestamp()).toString(), dataset.interactions(),
                dataset.userIds().size(), dataset.itemCount(), split.evaluated().size());
    }

    /** Returns the manifest's form of this description. */
    public ModelManifest.DataRange toDataRange() {
        return new ModelManifest.DataRange(source, firstEvent, lastEvent, interactions, users);
    }
}
