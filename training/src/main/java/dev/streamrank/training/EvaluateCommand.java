package dev.streamrank.training;

import dev.streamrank.artifact.ArtifactStorage;
import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.artifact.LocalArtifactStorage;
import dev.streamrank.artifact.ModelArtifact;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.artifact.ModelStore;
import dev.streamrank.artifact.S3ArtifactStorage;
import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.training.data.LeaveOneOutSplit;
import dev.streamrank.training.staging.EvaluationReport;
import dev.streamrank.training.staging.ModelCheckpoint;
import dev.streamrank.training.staging.StagingDirectory;
import dev.streamrank.training.step.EvaluationCases;
import dev.streamrank.training.step.EvaluationStep;
import dev.streamrank.training.step.PreparedData;
import dev.streamrank.training.step.StepProgress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: evaluates the ONNX models of a staging directory or of a published version
 * on the test targets of a source's leave-one-out split, with the metrics of the train command.
 */
@Command(name = "evaluate",
        description = {"Evaluate the ONNX models of a staging directory (--model DIR) or of a published version"
                + " (--publish-dir D or --publish-s3, with --version) on the source's data: each user's last"
                + " interaction is the test target, as in train. Popularity, fp32 and int8 get HR@10 and NDCG@10"
                + " with full ranking (the user's earlier items excluded) and against 100 sampled unseen items"
                + " (*_sampled, the SASRec paper's protocol, not comparable with full ranking), plus the top-10"
                + " overlap of fp32 and int8.",
                "Here hr10_full, ndcg10_full and the *_sampled figures without prefix are the fp32 ONNX model's"
                        + " (train reports the DJL network's under the same keys); metrics_scored_by says so.",
                "Item ids go through the model's vocabulary: a user whose test item the model does not know is"
                        + " skipped and counted (users_skipped_unknown_target), and unknown history items are"
                        + " dropped (history_items_unknown).",
                "With --model DIR the result is also written to DIR/metrics.json for 'publish'. Prints one JSON"
                        + " line."})
final class EvaluateCommand implements Callable<Integer> {

    /** Location of the models: exactly one option. */
    static final class ModelLocation {
        @Option(names = "--model", paramLabel = "DIR",
                description = "staging directory with " + ModelManifest.MODEL_FP32 + ", " + ModelManifest.MODEL_INT8
                        + " and " + ModelManifest.VOCABULARY + " ('export --model DIR' writes them)")
        Path directory;

        @Option(names = "--publish-dir", paramLabel = "D",
                description = "local models directory that contains CURRENT and the version folders")
        Path publishDirectory;

        @Option(names = "--publish-s3",
                description = "the models/ prefix of the StreamRank bucket (STREAMRANK_BUCKET)")
        boolean publishS3;
    }

    /** The models and vocabulary to evaluate, and where they came from. */
    private record LoadedModel(byte[] fp32, byte[] int8, ItemVocabulary vocabulary, Long trainingSeed,
            Map<String, Object> origin) {
    }

    /** Sampling seed when neither --seed nor the model's configuration gives one: train's default. */
    private static final long DEFAULT_SEED = 42L;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelLocation location;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TrainCommand.Source source;

    @Option(names = "--version",
            description = "published version to evaluate, with --publish-dir or --publish-s3; default: the one"
                    + " CURRENT names")
    String version;

    @Option(names = "--seed",
            description = "training seed of the model: the sampled negatives are drawn with seed + 1, as train"
                    + " draws them; default: the seed in checkpoint.json or the manifest, else 42")
    Long seed;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TrainCommand root;

    @Override
    public Integer call() throws Exception {
        if (location.directory != null && version != null) {
            throw new ParameterException(spec.commandLine(), "--version selects a published version and cannot go"
                    + " with --model " + location.directory + "; drop --version, or use --publish-dir/--publish-s3");
        }
        StagingDirectory staging = location.directory == null ? null : StagingDirectory.open(location.directory);
        LoadedModel model = staging != null ? fromStaging(staging) : fromPublished();
        StepProgress progress = root.stepProgress();

        PreparedData data = PreparedData.read(source.open(), progress);
        EvaluationCases cases = EvaluationCases.of(data, model.vocabulary());
        reportSkipped(data, cases, progress);

        long trainingSeed = seed != null ? seed : model.trainingSeed() != null ? model.trainingSeed() : DEFAULT_SEED;
        EvaluationReport report = EvaluationStep.run(cases, model.fp32(), model.int8(), null,
                EvaluationStep.sampleSeed(trainingSeed), data.source(), progress);

        Map<String, Object> summary = new LinkedHashMap<>(model.origin());
        summary.putAll(report.summary());
        if (staging != null) {
            staging.writeMetrics(report);
            summary.put("metrics_file", staging.path(StagingDirectory.METRICS).toString());
        }
        root.printSummary(summary);
        return CommandLine.ExitCode.OK;
    }

    private LoadedModel fromStaging(StagingDirectory staging) throws Exception {
        byte[] fp32 = staging.readModel(ModelManifest.MODEL_FP32);
        byte[] int8 = staging.readModel(ModelManifest.MODEL_INT8);
        ItemVocabulary vocabulary = staging.readVocabulary();
        Long trainingSeed = null;
        // A directory copied without its checkpoint still evaluates; with one, the sizes must agree.
        if (staging.has(ModelCheckpoint.METADATA)) {
            ModelCheckpoint.Metadata checkpoint = staging.readCheckpointMetadata();
            staging.readVocabulary(checkpoint.itemCount(), ModelCheckpoint.METADATA);
            trainingSeed = checkpoint.config().seed();
        }
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("model_directory", staging.root().toString());
        return new LoadedModel(fp32, int8, vocabulary, trainingSeed, origin);
    }

    /** Loads a published version through ModelStore, which checks every file's sha256. */
    private LoadedModel fromPublished() throws Exception {
        ArtifactStorage storage = location.publishDirectory != null
                ? new LocalArtifactStorage(location.publishDirectory)
                : new S3ArtifactStorage(AwsClients.standard().s3(), StreamRankResources.fromEnvironment().bucket(),
                        StreamRankResources.MODELS_PREFIX);
        ModelStore store = new ModelStore(storage);
        String name = version;
        if (name == null) {
            name = store.currentVersion().orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no " + ModelStore.CURRENT + " in " + storage.describe() + "; pass --version with a published"
                            + " version, or publish one first"));
        }
        ModelArtifact artifact = store.load(name);

        Object configuredSeed = artifact.manifest().config() == null ? null : artifact.manifest().config().get("seed");
        Long trainingSeed = configuredSeed instanceof Number number ? number.longValue() : null;
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("version", name);
        origin.put("read_from", storage.describe());
        return new LoadedModel(artifact.modelFp32(), artifact.modelInt8(), artifact.vocabulary(), trainingSeed,
                origin);
    }

    private void reportSkipped(PreparedData data, EvaluationCases cases, StepProgress progress) {
        int heldOut = data.split().evaluated().size();
        if (cases.test().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to evaluate in " + data.source() + ": "
                    + (heldOut == 0 ? "no user has " + LeaveOneOutSplit.MIN_EVALUATED_LENGTH + " or more interactions"
                            : "the test items of all " + heldOut + " users are unknown to the model")
                    + "; evaluate on data whose items overlap the model's vocabulary");
        }
        if (cases.usersSkipped() > 0) {
            progress.note("evaluate", String.format(Locale.ROOT, "%d of %d users skipped: their test item is not in"
                    + " the model's vocabulary, so the model cannot rank it", cases.usersSkipped(), heldOut));
        }
        if (cases.dataItemsUnknown() > 0) {
            progress.note("evaluate", String.format(Locale.ROOT, "%d of %d items of the data are unknown to the"
                    + " model; %d history items were dropped from the model's input", cases.dataItemsUnknown(),
                    data.dataset().itemCount(), cases.historyItemsUnknown()));
        }
    }
}
