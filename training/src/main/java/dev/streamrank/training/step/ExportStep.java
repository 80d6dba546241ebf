package dev.streamrank.training.step;

import dev.streamrank.artifact.ItemEmbeddings;
import dev.streamrank.training.export.SasRecOnnxExporter;
import dev.streamrank.training.export.WeightPrecision;
import dev.streamrank.training.model.SasRecNetwork;
import dev.streamrank.training.model.SasRecWeights;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The export step: fp32 and int8 ONNX models and the item embedding matrix from trained weights. */
public final class ExportStep {

    private ExportStep() {
    }

    /**
     * The exported files' contents.
     *
     * @param fp32       the fp32 ONNX model
     * @param int8       the ONNX model with int8 weights
     * @param embeddings the item embedding table [N + 1, d], row 0 padding
     */
    public record ExportedModel(byte[] fp32, byte[] int8, ItemEmbeddings embeddings) {

        /** Returns file sizes and the int8 to fp32 size ratio, as the JSON summary line shows them. */
        public Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("fp32_bytes", fp32.length);
            summary.put("int8_bytes", int8.length);
            summary.put("int8_fp32_ratio", int8.length / (double) fp32.length);
            return summary;
        }
    }

    /** Exports the weights in both precisions. */
    public static ExportedModel run(SasRecWeights weights, StepProgress progress) {
        long start = System.nanoTime();
        byte[] fp32 = SasRecOnnxExporter.export(weights, WeightPrecision.FP32);
        byte[] int8 = SasRecOnnxExporter.export(weights, WeightPrecision.INT8);
        SasRecWeights.Tensor table = weights.tensor(SasRecNetwork.ITEM_EMBEDDING);
        ExportedModel exported = new ExportedModel(fp32, int8,
                new ItemEmbeddings(table.rows(), table.columns(), table.values()));

        progress.note("export", String.format(Locale.ROOT, "fp32 %d bytes, int8 %d bytes (%.3f of fp32) in %.1f s",
                fp32.length, int8.length, int8.length / (double) fp32.length, (System.nanoTime() - start) / 1e9));
        return exported;
    }
}
