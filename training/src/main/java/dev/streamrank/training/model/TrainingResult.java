package dev.streamrank.training.model;

import java.util.List;

/**
 * Outcome of {@link SasRecTrainer#fit}.
 *
 * @param best               weights of the best validated epoch
 * @param epochs             one report per epoch run
 * @param bestEpoch          epoch whose weights were kept
 * @param bestValidationNdcg validation NDCG@10 (full ranking) of the kept weights
 * @param secondsPerEpoch    mean wall-clock seconds of the optimizer steps of one epoch
 * @param sequencesPerSecond training sequences per second over all epochs
 * @param divergedAtEpoch    epoch whose loss was NaN or infinite and that ended the run, or 0;
 *                           that epoch is not in {@code epochs}
 */
public record TrainingResult(SasRecWeights best, List<EpochReport> epochs, int bestEpoch,
        double bestValidationNdcg, double secondsPerEpoch, double sequencesPerSecond, int divergedAtEpoch) {
}
