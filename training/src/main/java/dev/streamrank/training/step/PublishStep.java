package dev.streamrank.training.step;

import dev.streamrank.artifact.ArtifactStorage;
import dev.streamrank.artifact.ItemEmbeddings;
import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.artifact.ModelArtifactException;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.event.EventJson;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.publish.ModelPublisher;
import dev.streamrank.training.staging.DataDescription;
import dev.streamrank.training.staging.EvaluationReport;
import dev.streamrank.training.staging.TrainingReport;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publish step: builds the manifest and hands the version to {@link ModelPublisher}, which
 * writes the files, the manifest last, and moves {@code CURRENT} only when the evaluation gate
 * passes against the version in service.
 */
public final class PublishStep {

    private PublishStep() {
    }

    /**
     * The contents of a version.
     *
     * @param config        the training configuration, stored in the manifest
     * @param vocabulary    the item vocabulary the models index
     * @param data          what the model was trained on
     * @param fp32          the fp32 ONNX model
     * @param int8          the int8 ONNX model
     * @param embeddings    the item embedding matrix [N + 1, d]
     * @param learningCurve the learning curve PNG, or null to publish without it
     * @param metrics       the manifest's metrics, see {@link #manifestMetrics}
     */
    public record Version(SasRecConfig config, ItemVocabulary vocabulary, DataDescription data, byte[] fp32,
            byte[] int8, ItemEmbeddings embeddings, byte[] learningCurve, Map<String, Double> metrics) {
    }

    /**
     * Returns the metrics a manifest carries: every evaluation figure, plus the validation NDCG@10
     * of training when known. The gate compares {@value ModelPublisher#GATE_METRIC} among them.
     */
    public static Map<String, Double> manifestMetrics(EvaluationReport evaluation, TrainingReport training) {
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        if (training != null) {
            metrics.put(TrainingReport.VALIDATION_METRIC, training.validationNdcg10Full());
        }
        return metrics;
    }

    /** Publishes {@code model} as {@code version} and returns whether it went into service. */
    public static ModelPublisher.Outcome run(Version model, ArtifactStorage storage, String version,
            double tolerance) throws IOException, ModelArtifactException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelManifest.MODEL_FP32, model.fp32());
        files.put(ModelManifest.MODEL_INT8, model.int8());
        files.put(ModelManifest.VOCABULARY, model.vocabulary().toJson());
        files.put(ModelManifest.ITEM_EMBEDDINGS, model.embeddings().toBytes());
        if (model.learningCurve() != null) {
            files.put(ModelManifest.LEARNING_CURVE, model.learningCurve());
        }

        SasRecConfig config = model.config();
        @SuppressWarnings("unchecked")
        Map<String, Object> configMap = EventJson.MAPPER.convertValue(config, Map.class);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, version, Instant.now().toString(),
                new ModelManifest.Dimensions(config.embeddingSize(), config.maxLen(), model.vocabulary().size()),
                configMap, model.data().toDataRange(), model.metrics(), Map.of(),
                new ModelManifest.MatrixLayout(ModelManifest.ITEM_EMBEDDINGS,
                        List.of(model.embeddings().rows(), model.embeddings().columns()), "float32", "little-endian"));
        return new ModelPublisher(storage, tolerance).publish(files, manifest);
    }
}
