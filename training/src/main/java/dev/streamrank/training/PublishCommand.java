package dev.streamrank.training;

import dev.streamrank.artifact.ArtifactStorage;
import dev.streamrank.artifact.ItemEmbeddings;
import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.artifact.ModelStore;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.publish.ModelPublisher;
import dev.streamrank.training.staging.EvaluationReport;
import dev.streamrank.training.staging.ModelCheckpoint;
import dev.streamrank.training.staging.StagingDirectory;
import dev.streamrank.training.staging.StagingDirectoryException;
import dev.streamrank.training.staging.TrainingReport;
import dev.streamrank.training.step.PublishStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: publishes an exported and evaluated staging directory as a model version, with
 * the manifest and evaluation gate of the train command.
 */
@Command(name = "publish",
        description = {"Publish the exported and evaluated model in DIR as a version: the files first, "
                + ModelManifest.FILE_NAME + " (with the sha256 of every file) last, then CURRENT moves to it only"
                + " when its " + ModelPublisher.GATE_METRIC + " from " + StagingDirectory.METRICS + " passes the"
                + " gate against the current version.",
                "Needs the files of 'train --out DIR', 'export --model DIR' and 'evaluate --model DIR'. Prints one"
                        + " JSON line: version, promoted, gate, published_to."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "staging directory that train, export and evaluate wrote")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TrainCommand.Target target;

    @Option(names = "--version", description = "version name; default: UTC time yyyyMMdd'T'HHmmss'Z'")
    String version;

    @Option(names = "--gate-tolerance", defaultValue = "0.02",
            description = "relative NDCG@10 drop allowed against the current version before CURRENT stays"
                    + " (default ${DEFAULT-VALUE})")
    double gateTolerance;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TrainCommand root;

    @Override
    public Integer call() throws Exception {
        TrainCommand.checkGateTolerance(spec, gateTolerance);
        StagingDirectory staging = StagingDirectory.open(model);
        PublishStep.Version staged = stagedVersion(staging);
        ArtifactStorage storage = target.open();
        String versionName = TrainCommand.newVersionName(spec, version, storage);

        ModelPublisher.Outcome outcome = PublishStep.run(staged, storage, versionName, gateTolerance);
        root.stepProgress().note("publish", versionName + (outcome.promoted() ? " is now CURRENT" : " published,"
                + " CURRENT unchanged") + ": " + outcome.reason());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("version", outcome.version());
        summary.put("promoted", outcome.promoted());
        summary.put("gate", outcome.reason());
        summary.put(ModelPublisher.GATE_METRIC, staged.metrics().get(ModelPublisher.GATE_METRIC));
        summary.put("published_to", storage.describe());
        root.printSummary(summary);
        return CommandLine.ExitCode.OK;
    }

    /**
     * Reads everything a version needs; the ONNX files and metrics come first because they are
     * the ones a directory straight from training lacks.
     */
    private static PublishStep.Version stagedVersion(StagingDirectory staging) throws Exception {
        byte[] fp32 = staging.readModel(ModelManifest.MODEL_FP32);
        byte[] int8 = staging.readModel(ModelManifest.MODEL_INT8);
        EvaluationReport evaluation = staging.readMetrics();
        checkEvaluated(staging, evaluation, ModelManifest.MODEL_FP32, fp32);
        checkEvaluated(staging, evaluation, ModelManifest.MODEL_INT8, int8);
        if (evaluation.metrics().get(ModelPublisher.GATE_METRIC) == null) {
            throw new StagingDirectoryException(staging.path(StagingDirectory.METRICS) + " has no "
                    + ModelPublisher.GATE_METRIC + " for the gate; run '" + "streamrank-train evaluate --model "
                    + staging.root() + "' again");
        }

        ModelCheckpoint.Metadata checkpoint = staging.readCheckpointMetadata();
        SasRecConfig config = checkpoint.config();
        ItemVocabulary vocabulary = staging.readVocabulary(checkpoint.itemCount(), ModelCheckpoint.METADATA);
        ItemEmbeddings embeddings = staging.readEmbeddings(vocabulary.size(), config.embeddingSize());
        TrainingReport training = staging.readTrainingReport();
        return new PublishStep.Version(config, vocabulary, staging.readData(), fp32, int8, embeddings,
                staging.readLearningCurve().orElse(null), PublishStep.manifestMetrics(evaluation, training));
    }

    /** Rejects metrics of other ONNX files, such as those of an export run after the evaluation. */
    private static void checkEvaluated(StagingDirectory staging, EvaluationReport evaluation, String file,
            byte[] model) throws StagingDirectoryException {
        String evaluated = evaluation.onnxSha256() == null ? null : evaluation.onnxSha256().get(file);
        String actual = ModelStore.sha256(model);
        if (!actual.equals(evaluated)) {
            throw new StagingDirectoryException(staging.path(StagingDirectory.METRICS) + " was computed for another "
                    + file + " (sha256 " + evaluated + ", the file now has " + actual + "); run 'streamrank-train"
                    + " evaluate --model " + staging.root() + "' again");
        }
    }
}
