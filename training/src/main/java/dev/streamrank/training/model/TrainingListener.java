package dev.streamrank.training.model;

/** Receives training progress; the command line turns it into a progress bar. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** Called once before the first epoch with the number of batches per epoch. */
    default void onStart(int epochs, int batchesPerEpoch) {
    }

    /** Called after each optimizer step. */
    default void onBatch(int epoch, double loss) {
    }

    /** Called after each epoch, after validation when the epoch was validated. */
    default void onEpoch(EpochReport report) {
    }

    /** Called when an epoch's loss is NaN or infinite and training stops with the weights of {@code keptEpoch}. */
    default void onDiverged(int epoch, double loss, int keptEpoch) {
    }
}
