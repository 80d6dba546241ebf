package dev.streamrank.training;

import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.training.model.SasRecWeights;
import dev.streamrank.training.staging.ModelCheckpoint;
import dev.streamrank.training.staging.StagingDirectory;
import dev.streamrank.training.staging.StagingDirectoryException;
import dev.streamrank.training.step.ExportStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code export}: reads the checkpoint of a staging directory and writes the fp32 and int8 ONNX
 * models and the item embedding matrix next to it, under the names a published version uses.
 */
@Command(name = "export",
        description = {"Export the checkpoint in DIR as ONNX fp32 (" + ModelManifest.MODEL_FP32 + ") and int8 ("
                + ModelManifest.MODEL_INT8 + ") models and the item embeddings (" + ModelManifest.ITEM_EMBEDDINGS
                + ") into DIR.",
                "Prints one JSON line: fp32_bytes, int8_bytes, int8_fp32_ratio and the file paths."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "staging directory that 'train --out DIR' wrote")
    Path model;

    @Mixin
    HelpOption help;

    @ParentCommand
    TrainCommand root;

    @Override
    public Integer call() throws Exception {
        StagingDirectory staging = StagingDirectory.open(model);
        SasRecWeights weights = staging.readCheckpoint();
        // Read to fail here, not at publishing, when the vocabulary belongs to another checkpoint.
        ItemVocabulary vocabulary = staging.readVocabulary(weights.itemCount(), ModelCheckpoint.METADATA);

        ExportStep.ExportedModel exported = exportedOrInvalid(weights, staging);
        staging.writeExport(exported.fp32(), exported.int8(), exported.embeddings());

        Map<String, Object> summary = new LinkedHashMap<>(exported.summary());
        summary.put("items", vocabulary.size());
        summary.put("model_fp32", staging.path(ModelManifest.MODEL_FP32).toString());
        summary.put("model_int8", staging.path(ModelManifest.MODEL_INT8).toString());
        summary.put("item_embeddings", staging.path(ModelManifest.ITEM_EMBEDDINGS).toString());
        root.printSummary(summary);
        return CommandLine.ExitCode.OK;
    }

    /** The exporter names a parameter it cannot find; here that means the checkpoint is not SASRec's. */
    private ExportStep.ExportedModel exportedOrInvalid(SasRecWeights weights, StagingDirectory staging)
            throws StagingDirectoryException {
        try {
            return ExportStep.run(weights, root.stepProgress());
        } catch (IllegalArgumentException e) {
            throw new StagingDirectoryException(staging.path(ModelCheckpoint.METADATA) + " does not describe the"
                    + " network this program exports: " + e.getMessage() + "; train again with this program", e);
        }
    }
}
