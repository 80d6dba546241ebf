package dev.streamrank.training.step;

import dev.streamrank.training.data.InteractionSource;
import dev.streamrank.training.data.LeaveOneOutSplit;
import dev.streamrank.training.data.SequenceDataset;
import dev.streamrank.training.staging.DataDescription;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactions read from a source, as per-user sequences with their leave-one-out split. Train
 * and evaluate build it the same way, so both see the same held-out items for the same data.
 *
 * @param source  the source's description (file, directory or S3 URI)
 * @param dataset sequences with item indices in order of first appearance in this data
 * @param split   the leave-one-out split of {@code dataset}
 */
public record PreparedData(String source, SequenceDataset dataset, LeaveOneOutSplit split) {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedData.class);

    /** Reads every interaction of the source and splits it. */
    public static PreparedData read(InteractionSource source, StepProgress progress) throws IOException {
        long start = System.nanoTime();
        SequenceDataset dataset = SequenceDataset.of(source.read());
        LeaveOneOutSplit split = LeaveOneOutSplit.of(dataset);
        PreparedData data = new PreparedData(source.describe(), dataset, split);

        LOG.info("data loaded: interactions={} users={} items={} evaluatedUsers={}", dataset.interactions(),
                dataset.userIds().size(), dataset.itemCount(), split.evaluated().size());
        progress.note("read", String.format(Locale.ROOT,
                "%d interactions, %d users (%d with held-out items), %d items from %s in %.1f s",
                dataset.interactions(), dataset.userIds().size(), split.evaluated().size(), dataset.itemCount(),
                data.source(), (System.nanoTime() - start) / 1e9));
        return data;
    }

    /** Returns the description that {@code data.json} and the manifest store. */
    public DataDescription describe() {
        return DataDescription.of(source, dataset, split);
    }
}
