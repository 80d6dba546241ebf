package dev.streamrank.training.step;

import ai.onnxruntime.OrtException;
import dev.streamrank.artifact.ModelContractException;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.artifact.ModelStore;
import dev.streamrank.artifact.OnnxScorer;
import dev.streamrank.training.eval.CatalogScorer;
import dev.streamrank.training.eval.Metrics;
import dev.streamrank.training.eval.OnnxCatalogScorer;
import dev.streamrank.training.eval.RankingCase;
import dev.streamrank.training.eval.RankingEvaluator;
import dev.streamrank.training.eval.TopKOverlap;
import dev.streamrank.training.staging.EvaluationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluate step: HR@10 and NDCG@10 on the test targets for popularity, the model and its int8
 * export. Each gets full ranking (the user's earlier items excluded) and ranking against 100
 * sampled negatives. The top-10 overlap of the fp32 and int8 exports comes with them.
 *
 * <p>The unprefixed figures ({@code hr10_full}, {@code ndcg10_full}, {@code hr10_sampled},
 * {@code ndcg10_sampled}) come from the DJL network when the train command evaluates in the same
 * process, and from the fp32 ONNX model otherwise; {@code metrics_scored_by} names the source. The two
 * differ by float rounding only, which can swap near-tied items. The MovieLens pipeline test
 * checks that their NDCG@10 agree within 1e-3.
 */
public final class EvaluationStep {

    /** {@code metrics_scored_by} when the DJL network scored the unprefixed figures. */
    public static final String SCORED_BY_NETWORK = "djl_network";
    /** {@code metrics_scored_by} when the fp32 ONNX model scored them. */
    public static final String SCORED_BY_ONNX = "onnx_fp32";

    /** ONNX Runtime threads per operator. Two suit the 2 to 4 cores of a training or CI machine. */
    private static final int ONNX_THREADS = 2;
    private static final String STEP = "evaluate";

    private EvaluationStep() {
    }

    /**
     * Returns the seed of the sampled negatives for a model trained with {@code trainingSeed}: the
     * training seed plus one, so that the train and evaluate commands draw the same negatives for
     * the same model.
     */
    public static long sampleSeed(long trainingSeed) {
        return trainingSeed + 1;
    }

    /**
     * Evaluates the exported models, and the trained network when given.
     *
     * @param cases          test cases in the models' item indices; at least one
     * @param fp32           the fp32 ONNX model
     * @param int8           the int8 ONNX model
     * @param trainedNetwork scorer of the DJL network the models were exported from, or null
     * @param sampleSeed     seed of the 100 sampled negatives per user
     * @param source         the evaluated data's description, for the report
     * @throws ModelContractException when a model does not load, breaks the graph contract or has
     *                                fewer items than {@code cases.itemCount()}
     */
    public static EvaluationReport run(EvaluationCases cases, byte[] fp32, byte[] int8, CatalogScorer trainedNetwork,
            long sampleSeed, String source, StepProgress progress) throws Exception {
        if (cases.test().isEmpty()) {
            throw new IllegalArgumentException("no test case to evaluate: " + cases.usersSkipped() + " users have a"
                    + " test item unknown to the model and no other user has three or more interactions");
        }
        RankingEvaluator evaluator = new RankingEvaluator(cases.itemCount());
        Passes passes = new Passes(evaluator, cases.test(), sampleSeed, progress);
        Map<String, Double> metrics = new LinkedHashMap<>();

        Metrics popularityFull = passes.full("popularity", cases.popularity());
        Metrics popularitySampled = passes.sampled("popularity", cases.popularity());
        try (OnnxScorer fp32Scorer = load(fp32, ModelManifest.MODEL_FP32, cases.itemCount());
                OnnxScorer int8Scorer = load(int8, ModelManifest.MODEL_INT8, cases.itemCount())) {
            OnnxCatalogScorer fp32Catalog = new OnnxCatalogScorer(fp32Scorer, cases.itemCount());
            OnnxCatalogScorer int8Catalog = new OnnxCatalogScorer(int8Scorer, cases.itemCount());

            Metrics fp32Full = passes.full("onnx fp32", fp32Catalog);
            Metrics modelFull = trainedNetwork == null ? fp32Full : passes.full("djl network", trainedNetwork);
            Metrics modelSampled = trainedNetwork == null ? passes.sampled("onnx fp32", fp32Catalog)
                    : passes.sampled("djl network", trainedNetwork);
            Metrics int8Full = passes.full("onnx int8", int8Catalog);
            Metrics int8Sampled = passes.sampled("onnx int8", int8Catalog);
            double overlap = passes.overlap(fp32Catalog, int8Catalog, cases.itemCount());

            metrics.put("hr10_full", modelFull.hr10());
            metrics.put("ndcg10_full", modelFull.ndcg10());
            metrics.put("hr10_full_popularity", popularityFull.hr10());
            metrics.put("ndcg10_full_popularity", popularityFull.ndcg10());
            metrics.put("hr10_sampled", modelSampled.hr10());
            metrics.put("ndcg10_sampled", modelSampled.ndcg10());
            metrics.put("hr10_sampled_popularity", popularitySampled.hr10());
            metrics.put("ndcg10_sampled_popularity", popularitySampled.ndcg10());
            metrics.put("onnx_fp32_ndcg10_full", fp32Full.ndcg10());
            metrics.put("int8_hr10_full", int8Full.hr10());
            metrics.put("int8_ndcg10_full", int8Full.ndcg10());
            metrics.put("int8_ndcg10_sampled", int8Sampled.ndcg10());
            metrics.put("int8_top10_overlap", overlap);
        }

        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("users_evaluated", cases.test().size());
        evaluation.put("items", cases.itemCount());
        evaluation.put("metrics_scored_by", trainedNetwork == null ? SCORED_BY_ONNX : SCORED_BY_NETWORK);
        evaluation.put("users_skipped_unknown_target", cases.usersSkipped());
        evaluation.put("history_items_unknown", cases.historyItemsUnknown());
        evaluation.put("data_items_unknown", cases.dataItemsUnknown());
        evaluation.put("evaluated_on", source);
        evaluation.put("sampled_protocol", RankingEvaluator.SAMPLED_NEGATIVES + " uniformly sampled unseen items");
        evaluation.put("tie_rule", RankingEvaluator.TIE_RULE);

        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(ModelManifest.MODEL_FP32, ModelStore.sha256(fp32));
        hashes.put(ModelManifest.MODEL_INT8, ModelStore.sha256(int8));
        return new EvaluationReport(EvaluationReport.FORMAT_VERSION, metrics, evaluation, hashes);
    }

    /**
     * Loads a model and checks that it scores item index N, the vocabulary's last item. A model
     * with a smaller item table fails here instead of on the first user whose history contains it.
     */
    private static OnnxScorer load(byte[] model, String file, int itemCount) throws ModelContractException {
        OnnxScorer scorer;
        try {
            scorer = OnnxScorer.load(model, ONNX_THREADS);
        } catch (ModelContractException e) {
            throw new ModelContractException(file + ": " + e.getMessage(), e);
        }
        try {
            scorer.score(List.of(new long[0]), new long[][] {{itemCount}});
            return scorer;
        } catch (OrtException e) {
            closeQuietly(scorer);
            throw new ModelContractException(file + " cannot score item index " + itemCount + ", the last of the"
                    + " vocabulary's " + itemCount + " items: the model comes from another vocabulary ("
                    + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(OnnxScorer scorer) {
        try {
            scorer.close();
        } catch (OrtException e) {
            // The size check already failed; its error is the one to report.
        }
    }

    /** Runs each evaluation pass with progress and the same cases and seed. */
    private record Passes(RankingEvaluator evaluator, List<RankingCase> cases, long sampleSeed,
            StepProgress progress) {

        Metrics full(String model, CatalogScorer scorer) throws Exception {
            try (StepProgress.Pass pass = progress.start(STEP, model + ", full ranking", cases.size())) {
                Metrics metrics = evaluator.full(pass.counting(scorer), cases);
                pass.done(describe(metrics));
                return metrics;
            }
        }

        Metrics sampled(String model, CatalogScorer scorer) throws Exception {
            String task = model + ", " + RankingEvaluator.SAMPLED_NEGATIVES + " sampled negatives";
            try (StepProgress.Pass pass = progress.start(STEP, task, cases.size())) {
                Metrics metrics = evaluator.sampled(pass.counting(scorer), cases, sampleSeed);
                pass.done(describe(metrics));
                return metrics;
            }
        }

        double overlap(CatalogScorer fp32, CatalogScorer int8, int itemCount) throws Exception {
            try (StepProgress.Pass pass = progress.start(STEP, "fp32 and int8 top-10 overlap", cases.size())) {
                double overlap = TopKOverlap.mean(pass.counting(fp32), int8, cases, itemCount);
                pass.done(String.format(Locale.ROOT, "%.3f", overlap));
                return overlap;
            }
        }

        private static String describe(Metrics metrics) {
            return String.format(Locale.ROOT, "NDCG@10 %.4f, HR@10 %.4f", metrics.ndcg10(), metrics.hr10());
        }
    }
}
