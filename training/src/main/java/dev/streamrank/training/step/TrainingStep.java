package dev.streamrank.training.step;

import ai.djl.Device;
import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.training.data.LeaveOneOutSplit;
import dev.streamrank.training.eval.CatalogScorer;
import dev.streamrank.training.eval.LearningCurve;
import dev.streamrank.training.eval.RankingCase;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.model.SasRecTrainer;
import dev.streamrank.training.model.SasRecWeights;
import dev.streamrank.training.model.TrainingListener;
import dev.streamrank.training.model.TrainingResult;
import dev.streamrank.training.staging.DataDescription;
import dev.streamrank.training.staging.TrainingReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The train step: trains on the training part of the split with early stopping on the
 * validation targets, full ranking. Test targets stay unseen here; the evaluate step uses them.
 */
public final class TrainingStep {

    private TrainingStep() {
    }

    /**
     * A trained network. It owns the trainer's native memory until closed; {@link #weights()}
     * and the other accessors stay usable after {@link #close()}, {@link #scorer()} does not.
     */
    public static final class TrainedModel implements AutoCloseable {

        private final SasRecTrainer trainer;
        private final TrainingResult result;
        private final ItemVocabulary vocabulary;
        private final DataDescription data;

        private TrainedModel(SasRecTrainer trainer, TrainingResult result, ItemVocabulary vocabulary,
                DataDescription data) {
            this.trainer = trainer;
            this.result = result;
            this.vocabulary = vocabulary;
            this.data = data;
        }

        /** Returns the weights of the best validated epoch. */
        public SasRecWeights weights() {
            return result.best();
        }

        /** Returns the mapping of item ids to the indices the network was trained on. */
        public ItemVocabulary vocabulary() {
            return vocabulary;
        }

        public DataDescription data() {
            return data;
        }

        public TrainingReport report() {
            return TrainingReport.of(result);
        }

        /** Returns a scorer over the DJL network, which has the best weights loaded after training. */
        public CatalogScorer scorer() {
            return trainer.scorer();
        }

        /** Draws training loss and validation NDCG@10 per epoch as a PNG. */
        public byte[] learningCurve(String title) throws IOException {
            return LearningCurve.png(result.epochs(), title);
        }

        @Override
        public void close() {
            trainer.close();
        }
    }

    /** Trains a network of {@code config} on {@code data}; the caller closes the result. */
    public static TrainedModel run(PreparedData data, SasRecConfig config, Device device, TrainingListener listener)
            throws Exception {
        LeaveOneOutSplit split = data.split();
        List<RankingCase> validation = new ArrayList<>(split.evaluated().size());
        for (LeaveOneOutSplit.HeldOut heldOut : split.evaluated()) {
            validation.add(new RankingCase(heldOut.history(), heldOut.validation(), heldOut.history()));
        }

        SasRecTrainer trainer = new SasRecTrainer(config, data.dataset().itemCount(), device);
        try {
            TrainingResult result = trainer.fit(split.training(), validation, listener);
            return new TrainedModel(trainer, result, new ItemVocabulary(data.dataset().itemIds()), data.describe());
        } catch (Exception | Error e) {
            trainer.close();
            throw e;
        }
    }
}
