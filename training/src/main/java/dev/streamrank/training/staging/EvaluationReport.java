package dev.streamrank.training.staging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of the evaluate step, as stored in {@code metrics.json}.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param metrics       HR@10 and NDCG@10 figures by summary key (for example {@code ndcg10_full}),
 *                      fractions in [0, 1]; the publish step copies them into the manifest
 * @param evaluation    how the figures were made: users evaluated and skipped, item count,
 *                      data source, sampled protocol, tie rule, which model the unprefixed
 *                      figures come from
 * @param onnxSha256    sha256 of the ONNX files evaluated, by file name; publishing checks them
 *                      against the files it publishes
 */
public record EvaluationReport(int formatVersion, Map<String, Double> metrics, Map<String, Object> evaluation,
        Map<String, String> onnxSha256) {

    public static final int FORMAT_VERSION = 1;

    /** Returns one flat map: the evaluation facts, then the metrics, as the JSON summary line shows them. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>(evaluation);
        summary.putAll(metrics);
        return summary;
    }
}
