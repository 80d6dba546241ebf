package dev.streamrank.training.staging;

import dev.streamrank.training.model.EpochReport;
import dev.streamrank.training.model.TrainingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course of a training run, as the train step stores it in {@code training.json}.
 *
 * @param bestEpoch             epoch whose weights were kept
 * @param epochsRun             epochs run before the end or early stopping
 * @param validationNdcg10Full  validation NDCG@10 (full ranking) of the kept weights
 * @param secondsPerEpoch       mean wall-clock seconds of the optimizer steps of one epoch
 * @param sequencesPerSecond    training sequences per second over all epochs
 * @param epochs                one entry per epoch run
 * @param divergedAtEpoch       epoch whose loss became NaN or infinite and ended the run, or null
 */
public record TrainingReport(int bestEpoch, int epochsRun, double validationNdcg10Full, double secondsPerEpoch,
        double sequencesPerSecond, List<Epoch> epochs, Integer divergedAtEpoch) {

    /** Name of the validation metric in summaries and in the manifest's metrics. */
    public static final String VALIDATION_METRIC = "validation_ndcg10_full";

    /**
     * One epoch; the validation figures are absent (null) for epochs that were not validated.
     *
     * @param epoch                1-based epoch number
     * @param loss                 mean training loss over the epoch's batches
     * @param seconds              wall-clock seconds of the epoch's optimizer steps
     * @param sequencesPerSecond   training sequences per second
     * @param validationNdcg10Full full-ranking validation NDCG@10, or null
     * @param validationHr10Full   full-ranking validation HR@10, or null
     */
    public record Epoch(int epoch, double loss, double seconds, double sequencesPerSecond,
            Double validationNdcg10Full, Double validationHr10Full) {
    }

    /** Converts the trainer's result. JSON has no NaN, so epochs without validation get null figures. */
    public static TrainingReport of(TrainingResult result) {
        List<Epoch> epochs = result.epochs().stream().map(TrainingReport::epoch).toList();
        return new TrainingReport(result.bestEpoch(), result.epochs().size(), result.bestValidationNdcg(),
                result.secondsPerEpoch(), result.sequencesPerSecond(), epochs,
                result.divergedAtEpoch() == 0 ? null : result.divergedAtEpoch());
    }

    /** Returns the keys the train command's JSON line has always carried for training. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("best_epoch", bestEpoch);
        summary.put("epochs_run", epochsRun);
        summary.put(VALIDATION_METRIC, validationNdcg10Full);
        summary.put("seconds_per_epoch", secondsPerEpoch);
        summary.put("sequences_per_second", sequencesPerSecond);
        if (divergedAtEpoch != null) {
            summary.put("diverged_at_epoch", divergedAtEpoch);
        }
        return summary;
    }

    private static Epoch epoch(EpochReport report) {
        return new Epoch(report.epoch(), report.loss(), report.seconds(), report.sequencesPerSecond(),
                report.validated() ? report.validationNdcg10() : null,
                report.validated() ? report.validationHr10() : null);
    }
}
