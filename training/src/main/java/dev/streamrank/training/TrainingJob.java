package dev.streamrank.training;

import ai.djl.Device;
import dev.streamrank.artifact.ArtifactStorage;
import dev.streamrank.training.data.InteractionSource;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.model.TrainingListener;
import dev.streamrank.training.publish.ModelPublisher;
import dev.streamrank.training.staging.EvaluationReport;
import dev.streamrank.training.staging.StagingDirectory;
import dev.streamrank.training.step.EvaluationCases;
import dev.streamrank.training.step.EvaluationStep;
import dev.streamrank.training.step.ExportStep;
import dev.streamrank.training.step.PreparedData;
import dev.streamrank.training.step.PublishStep;
import dev.streamrank.training.step.StepProgress;
import dev.streamrank.training.step.TrainingStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The train command's run: read and split the data, then the train, export, evaluate and publish
 * steps in one process, each through the same step class that the separate commands use.
 *
 * <p>Test metrics use each user's last interaction as target and the history before it
 * (training items plus the validation item) as input; the popularity baseline counts the same
 * history of every user. Here the unprefixed metrics ({@code ndcg10_full} and the others) come
 * from the DJL network; {@code onnx_fp32_ndcg10_full} is the exported model's figure.
 *
 * <p>With an output directory the steps also write their files there (see
 * {@link StagingDirectory}); with {@code trainOnly} the run stops after the train step, and the
 * export, evaluate and publish commands continue from that directory.
 */
public final class TrainingJob {

    /**
     * @param source       interactions to train on
     * @param config       model and training configuration
     * @param device       DJL device to train on
     * @param storage      where to publish, or null to skip publishing
     * @param version      version name to publish under; also titles the learning curve
     * @param tolerance    relative NDCG@10 drop the gate allows against the current version
     * @param outDirectory staging directory to write the steps' files into, or null; it must not
     *                     hold a model yet
     * @param trainOnly    stop after training; needs {@code outDirectory} and no {@code storage}
     */
    public record Settings(InteractionSource source, SasRecConfig config, Device device, ArtifactStorage storage,
            String version, double tolerance, Path outDirectory, boolean trainOnly) {

        public Settings {
            if (trainOnly && outDirectory == null) {
                throw new IllegalArgumentException("trainOnly needs an output directory, or the trained model is lost");
            }
            if (trainOnly && storage != null) {
                throw new IllegalArgumentException("trainOnly stops before publishing; pass no storage");
            }
        }

        /** Settings of a run of every step that writes no staging directory. */
        public Settings(InteractionSource source, SasRecConfig config, Device device, ArtifactStorage storage,
                String version, double tolerance) {
            this(source, config, device, storage, version, tolerance, null, false);
        }
    }

    private TrainingJob() {
    }

    /** Runs the job without step progress and returns the summary that the command prints as one JSON line. */
    public static Map<String, Object> run(Settings settings, TrainingListener listener) throws Exception {
        return run(settings, listener, StepProgress.NONE);
    }

    /**
     * Runs the job and returns the summary that the command prints as one JSON line.
     *
     * @param listener receives training progress
     * @param progress receives the progress of reading, export and evaluation
     */
    public static Map<String, Object> run(Settings settings, TrainingListener listener, StepProgress progress)
            throws Exception {
        // Checked before the data is read so that a used directory fails in seconds, not after training.
        StagingDirectory staging = settings.outDirectory() == null ? null
                : StagingDirectory.createForTraining(settings.outDirectory());
        PreparedData data = PreparedData.read(settings.source(), progress);

        try (TrainingStep.TrainedModel trained = TrainingStep.run(data, settings.config(), settings.device(),
                listener)) {
            String title = "SASRec " + (settings.version() != null ? settings.version()
                    : settings.outDirectory().getFileName());
            byte[] learningCurve = trained.learningCurve(title);
            if (staging != null) {
                staging.writeTraining(trained.weights(), trained.vocabulary(), learningCurve, trained.report(),
                        trained.data());
            }
            if (settings.trainOnly()) {
                return trainOnlySummary(trained, staging);
            }

            ExportStep.ExportedModel exported = ExportStep.run(trained.weights(), progress);
            if (staging != null) {
                staging.writeExport(exported.fp32(), exported.int8(), exported.embeddings());
            }

            EvaluationReport evaluation = EvaluationStep.run(EvaluationCases.of(data, trained.vocabulary()),
                    exported.fp32(), exported.int8(), trained.scorer(),
                    EvaluationStep.sampleSeed(settings.config().seed()), data.source(), progress);
            if (staging != null) {
                staging.writeMetrics(evaluation);
            }

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("version", settings.version());
            summary.putAll(evaluation.summary());
            summary.putAll(exported.summary());
            summary.putAll(trained.report().summary());
            if (staging != null) {
                summary.put("model_directory", staging.root().toString());
            }

            if (settings.storage() != null) {
                PublishStep.Version version = new PublishStep.Version(settings.config(), trained.vocabulary(),
                        trained.data(), exported.fp32(), exported.int8(), exported.embeddings(), learningCurve,
                        PublishStep.manifestMetrics(evaluation, trained.report()));
                ModelPublisher.Outcome outcome = PublishStep.run(version, settings.storage(), settings.version(),
                        settings.tolerance());
                summary.put("promoted", outcome.promoted());
                summary.put("gate", outcome.reason());
                summary.put("published_to", settings.storage().describe());
            }
            return summary;
        }
    }

    private static Map<String, Object> trainOnlySummary(TrainingStep.TrainedModel trained, StagingDirectory staging) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model_directory", staging.root().toString());
        summary.put("interactions", trained.data().interactions());
        summary.put("users", trained.data().users());
        summary.put("users_validated", trained.data().usersEvaluated());
        summary.put("items", trained.data().items());
        summary.putAll(trained.report().summary());
        return summary;
    }
}
