package dev.streamrank.training.model;

/**
 * Results of one training epoch.
 *
 * @param epoch             1-based epoch number
 * @param loss              mean training loss over the epoch's batches
 * @param seconds           wall-clock seconds of the epoch's optimizer steps (validation excluded)
 * @param sequencesPerSecond training sequences processed per second
 * @param validationNdcg10  full-ranking validation NDCG@10, or NaN when the epoch was not validated
 * @param validationHr10    full-ranking validation HR@10, or NaN when not validated
 */
public record EpochReport(int epoch, double loss, double seconds, double sequencesPerSecond,
        double validationNdcg10, double validationHr10) {

    public boolean validated() {
        return !Double.isNaN(validationNdcg10);
    }
}
