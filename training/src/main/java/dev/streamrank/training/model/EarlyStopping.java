package dev.streamrank.training.model;

/**
 * The stopping rule of a training run, epoch by epoch: keep the weights of the best validation
 * NDCG@10, stop after {@code patience} validations without improvement, and stop at the first
 * epoch whose loss is not finite, because the weights after it are lost. A run that diverges
 * before its first validation has no weights worth keeping and fails.
 */
final class EarlyStopping {

    /** The trainer's next action after an epoch. */
    enum Decision {
        /** Train the next epoch. */
        CONTINUE,
        /** Keep a copy of the current weights as the best ones, then train the next epoch. */
        KEEP_WEIGHTS,
        /** Stop and restore the best weights. */
        STOP
    }

    private final int patience;
    private double bestNdcg = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;
    private int divergedAtEpoch;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /**
     * Returns the decision after a validated epoch.
     *
     * @param ndcg10 full-ranking validation NDCG@10 of the epoch's weights
     */
    Decision validated(int epoch, double ndcg10) {
        if (ndcg10 > bestNdcg) {
            bestNdcg = ndcg10;
            bestEpoch = epoch;
            sinceBest = 0;
            return Decision.KEEP_WEIGHTS;
        }
        sinceBest++;
        return sinceBest >= patience ? Decision.STOP : Decision.CONTINUE;
    }

    /**
     * Returns STOP after an epoch whose mean loss is NaN or infinite, when an earlier epoch was
     * validated. The caller then restores the weights of that epoch.
     *
     * @throws IllegalStateException when no epoch was validated yet, naming the learning rate to lower
     */
    Decision diverged(int epoch, double loss, float learningRate, int evalEvery) {
        if (bestEpoch == 0) {
            throw new IllegalStateException("training loss became " + loss + " at epoch " + epoch
                    + " before the first validation; lower the learning rate (now " + learningRate
                    + ") or validate earlier than every " + evalEvery + " epochs");
        }
        divergedAtEpoch = epoch;
        return Decision.STOP;
    }

    double bestNdcg() {
        return bestNdcg;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** Returns the epoch whose loss stopped being finite, or 0 when the loss stayed finite. */
    int divergedAtEpoch() {
        return divergedAtEpoch;
    }
}
