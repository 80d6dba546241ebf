package dev.streamrank.training;

import ai.djl.Device;
import dev.streamrank.artifact.ArtifactStorage;
import dev.streamrank.artifact.ItemEmbeddings;
import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.artifact.OnnxScorer;
import dev.streamrank.event.EventJson;
import dev.streamrank.training.data.InteractionSource;
import dev.streamrank.training.data.LeaveOneOutSplit;
import dev.streamrank.training.data.SequenceDataset;
import dev.streamrank.training.eval.LearningCurve;
import dev.streamrank.training.eval.Metrics;
import dev.streamrank.training.eval.OnnxCatalogScorer;
import dev.streamrank.training.eval.PopularityScorer;
import dev.streamrank.training.eval.RankingCase;
import dev.streamrank.training.eval.RankingEvaluator;
import dev.streamrank.training.eval.TopKOverlap;
import dev.streamrank.training.export.SasRecOnnxExporter;
import dev.streamrank.training.export.WeightPrecision;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.model.SasRecTrainer;
import dev.streamrank.training.model.SasRecWeights;
import dev.streamrank.training.model.TrainingListener;
import dev.streamrank.training.model.TrainingResult;
import dev.streamrank.training.publish.ModelPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole training run: read, split, train with early stopping, evaluate model and popularity,
 * export fp32 and int8 ONNX, evaluate the int8 model, and publish a version.
 *
 * <p>Test metrics use each user's last interaction as target and the history before it
 * (training items plus the validation item) as input; the popularity baseline counts the same
 * history of every user.
 */
public final class TrainingJob {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    /**
     * @param source    interactions to train on
     * @param config    model and training configuration
     * @param device    DJL device to train on
     * @param storage   where to publish, or null to skip publishing
     * @param version   version name to publish under
     * @param tolerance relative NDCG@10 drop the gate allows against the current version
     */
    public record Settings(InteractionSource source, SasRecConfig config, Device device, ArtifactStorage storage,
            String version, double tolerance) {
    }

    private TrainingJob() {
    }

    /** Runs the job and returns the summary that the command prints as one JSON line. */
    public static Map<String, Object> run(Settings settings, TrainingListener listener) throws Exception {
        SequenceDataset dataset = SequenceDataset.of(settings.source().read());
        LeaveOneOutSplit split = LeaveOneOutSplit.of(dataset);
        int items = dataset.itemCount();
        LOG.info("data loaded: interactions={} users={} items={} evaluatedUsers={}", dataset.interactions(),
                dataset.userIds().size(), items, split.evaluated().size());

        List<RankingCase> validation = new ArrayList<>();
        List<RankingCase> test = new ArrayList<>();
        int[] validationItems = new int[split.evaluated().size()];
        for (int i = 0; i < split.evaluated().size(); i++) {
            LeaveOneOutSplit.HeldOut heldOut = split.evaluated().get(i);
            validation.add(new RankingCase(heldOut.history(), heldOut.validation(), heldOut.history()));
            test.add(new RankingCase(heldOut.testHistory(), heldOut.test(), heldOut.testHistory()));
            validationItems[i] = heldOut.validation();
        }

        RankingEvaluator evaluator = new RankingEvaluator(items);
        PopularityScorer popularity = PopularityScorer.count(items, split.training(), validationItems);
        long sampleSeed = settings.config().seed() + 1;
        Metrics popularityFull = evaluator.full(popularity, test);
        Metrics popularitySampled = evaluator.sampled(popularity, test, sampleSeed);

        Map<String, Object> summary = new LinkedHashMap<>();
        try (SasRecTrainer trainer = new SasRecTrainer(settings.config(), items, settings.device())) {
            TrainingResult result = trainer.fit(split.training(), validation, listener);
            Metrics modelFull = evaluator.full(trainer.scorer(), test);
            Metrics modelSampled = evaluator.sampled(trainer.scorer(), test, sampleSeed);
            SasRecWeights weights = result.best();

            byte[] fp32 = SasRecOnnxExporter.export(weights, WeightPrecision.FP32);
            byte[] int8 = SasRecOnnxExporter.export(weights, WeightPrecision.INT8);
            Metrics fp32Full;
            Metrics int8Full;
            Metrics int8Sampled;
            double overlap;
            try (OnnxScorer fp32Scorer = OnnxScorer.load(fp32, 2); OnnxScorer int8Scorer = OnnxScorer.load(int8, 2)) {
                OnnxCatalogScorer fp32Catalog = new OnnxCatalogScorer(fp32Scorer, items);
                OnnxCatalogScorer int8Catalog = new OnnxCatalogScorer(int8Scorer, items);
                fp32Full = evaluator.full(fp32Catalog, test);
                int8Full = evaluator.full(int8Catalog, test);
                int8Sampled = evaluator.sampled(int8Catalog, test, sampleSeed);
                overlap = TopKOverlap.mean(fp32Catalog, int8Catalog, test, items);
            }

            summary.put("version", settings.version());
            summary.put("users_evaluated", test.size());
            summary.put("items", items);
            summary.put("hr10_full", modelFull.hr10());
            summary.put("ndcg10_full", modelFull.ndcg10());
            summary.put("hr10_full_popularity", popularityFull.hr10());
            summary.put("ndcg10_full_popularity", popularityFull.ndcg10());
            summary.put("hr10_sampled", modelSampled.hr10());
            summary.put("ndcg10_sampled", modelSampled.ndcg10());
            summary.put("hr10_sampled_popularity", popularitySampled.hr10());
            summary.put("ndcg10_sampled_popularity", popularitySampled.ndcg10());
            summary.put("onnx_fp32_ndcg10_full", fp32Full.ndcg10());
            summary.put("int8_hr10_full", int8Full.hr10());
            summary.put("int8_ndcg10_full", int8Full.ndcg10());
            summary.put("int8_ndcg10_sampled", int8Sampled.ndcg10());
            summary.put("int8_top10_overlap", overlap);
            summary.put("fp32_bytes", fp32.length);
            summary.put("int8_bytes", int8.length);
            summary.put("best_epoch", result.bestEpoch());
            summary.put("epochs_run", result.epochs().size());
            summary.put("validation_ndcg10_full", result.bestValidationNdcg());
            summary.put("seconds_per_epoch", result.secondsPerEpoch());
            summary.put("sequences_per_second", result.sequencesPerSecond());
            summary.put("sampled_protocol", RankingEvaluator.SAMPLED_NEGATIVES + " uniformly sampled unseen items");
            summary.put("tie_rule", RankingEvaluator.TIE_RULE);

            if (settings.storage() != null) {
                ModelPublisher.Outcome outcome = publish(settings, dataset, weights, result, fp32, int8, summary);
                summary.put("promoted", outcome.promoted());
                summary.put("gate", outcome.reason());
                summary.put("published_to", settings.storage().describe());
            }
        }
        return summary;
    }

    private static ModelPublisher.Outcome publish(Settings settings, SequenceDataset dataset, SasRecWeights weights,
            TrainingResult result, byte[] fp32, byte[] int8, Map<String, Object> summary) throws Exception {
        SasRecWeights.Tensor table = weights.tensor(dev.streamrank.training.model.SasRecNetwork.ITEM_EMBEDDING);
        ItemEmbeddings embeddings = new ItemEmbeddings(table.rows(), table.columns(), table.values());

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelManifest.MODEL_FP32, fp32);
        files.put(ModelManifest.MODEL_INT8, int8);
        files.put(ModelManifest.VOCABULARY, new ItemVocabulary(dataset.itemIds()).toJson());
        files.put(ModelManifest.ITEM_EMBEDDINGS, embeddings.toBytes());
        files.put(ModelManifest.LEARNING_CURVE, LearningCurve.png(result.epochs(), "SASRec " + settings.version()));

        Map<String, Double> metrics = new LinkedHashMap<>();
        summary.forEach((key, value) -> {
            if (value instanceof Double number && !key.startsWith("seconds") && !key.startsWith("sequences")) {
                metrics.put(key, number);
            }
        });
        SasRecConfig config = settings.config();
        @SuppressWarnings("unchecked")
        Map<String, Object> configMap = EventJson.MAPPER.convertValue(config, Map.class);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, settings.version(),
                Instant.now().toString(),
                new ModelManifest.Dimensions(config.embeddingSize(), config.maxLen(), dataset.itemCount()),
                configMap,
                new ModelManifest.DataRange(settings.source().describe(),
                        Instant.ofEpochMilli(dataset.firstTimestamp()).toString(),
                        Instant.ofEpochMilli(dataset.lastTimestamp()).toString(),
                        dataset.interactions(), dataset.userIds().size()),
                metrics, Map.of(),
                new ModelManifest.MatrixLayout(ModelManifest.ITEM_EMBEDDINGS, List.of(table.rows(), table.columns()),
                        "float32", "little-endian"));
        return new ModelPublisher(settings.storage(), settings.tolerance()).publish(files, manifest);
    }
}
