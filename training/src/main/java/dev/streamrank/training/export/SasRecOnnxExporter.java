package dev.streamrank.training.export;

import static dev.streamrank.training.export.OnnxGraph.Attribute.ofFloat;
import static dev.streamrank.training.export.OnnxGraph.Attribute.ofInt;
import static dev.streamrank.training.export.OnnxGraph.Attribute.ofInts;
import static dev.streamrank.training.export.OnnxGraph.Attribute.ofTensor;
import static dev.streamrank.training.model.SasRecNetwork.layerParameter;

import dev.streamrank.artifact.OnnxContract;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.model.SasRecNetwork;
import dev.streamrank.training.model.SasRecWeights;
import dev.streamrank.training.model.SasRecWeights.Tensor;
import java.util.List;

/**
 * Writes trained SASRec weights as an ONNX model (opset 17) that repeats
 * {@link SasRecNetwork}'s inference forward pass op by op, with the graph contract of
 * {@link OnnxContract}: {@code item_seq} int64 [batch, maxLen] and {@code candidates} int64
 * [batch, n] in, {@code scores} float32 [batch, n] and {@code user_vector} float32 [batch, d] out.
 *
 * <p>DJL's PyTorch engine cannot export ONNX, so the graph is built here from standard operators.
 */
public final class SasRecOnnxExporter {

    private static final long INT8_MAX = 127;

    private SasRecOnnxExporter() {
    }

    /** Returns the serialized ModelProto. */
    public static byte[] export(SasRecWeights weights, WeightPrecision precision) {
        return new Builder(weights, precision).build();
    }

    private static final class Builder {
        private final SasRecWeights weights;
        private final WeightPrecision precision;
        private final SasRecConfig config;
        private final OnnxGraph graph = new OnnxGraph();

        Builder(SasRecWeights weights, WeightPrecision precision) {
            this.weights = weights;
            this.precision = precision;
            this.config = weights.config();
        }

        byte[] build() {
            int d = config.embeddingSize();
            int length = config.maxLen();
            declareInterface(d, length);

            String table = embeddingTable(SasRecNetwork.ITEM_EMBEDDING);
            String positionMask = graph.node("Unsqueeze", List.of(notPadding(), ints("axis_2", 2)));
            String attentionBias = attentionBias(length);

            String x = graph.node("Gather", List.of(table, OnnxContract.ITEM_SEQ), ofInt("axis", 0));
            x = graph.node("Mul", List.of(x, scalar("sqrt_d", (float) Math.sqrt(d))));
            x = graph.node("Add", List.of(x, embeddingTable(SasRecNetwork.POSITION_EMBEDDING)));
            x = graph.node("Mul", List.of(x, positionMask));
            for (int block = 0; block < config.blocks(); block++) {
                x = transformerBlock(block, x, attentionBias, positionMask);
            }
            String hidden = layerNorm(SasRecNetwork.FINAL_NORM, x);

            String userVector = graph.nodeNamed("Gather", OnnxContract.USER_VECTOR,
                    List.of(hidden, ints0d("last_position", length - 1)), ofInt("axis", 1));
            String candidateEmbeddings = graph.node("Gather", List.of(table, OnnxContract.CANDIDATES), ofInt("axis", 0));
            String column = graph.node("Unsqueeze", List.of(userVector, ints("axis_2", 2)));
            String products = graph.node("MatMul", List.of(candidateEmbeddings, column));
            graph.nodeNamed("Squeeze", OnnxContract.SCORES, List.of(products, ints("axis_2", 2)));

            graph.metadata(OnnxContract.METADATA_MAX_LEN, Integer.toString(length));
            graph.metadata(OnnxContract.METADATA_DIMENSION, Integer.toString(d));
            graph.metadata(OnnxContract.METADATA_ITEM_COUNT, Integer.toString(weights.itemCount()));
            graph.metadata("streamrank.weight_precision", precision.name().toLowerCase());
            return graph.toModelBytes("sasrec", "streamrank-training", "1");
        }

        private void declareInterface(int d, int length) {
            graph.input(OnnxContract.ITEM_SEQ, OnnxProto.DATA_TYPE_INT64, "batch", (long) length);
            graph.input(OnnxContract.CANDIDATES, OnnxProto.DATA_TYPE_INT64, "batch", "candidates");
            graph.output(OnnxContract.SCORES, OnnxProto.DATA_TYPE_FLOAT, "batch", "candidates");
            graph.output(OnnxContract.USER_VECTOR, OnnxProto.DATA_TYPE_FLOAT, "batch", (long) d);
        }

        /** [batch, L] float: 1 for real items, 0 for padding. */
        private String notPadding() {
            String isPadding = graph.node("Equal", List.of(OnnxContract.ITEM_SEQ, ints0d("zero_index", 0)));
            String isItem = graph.node("Not", List.of(isPadding));
            return graph.node("Cast", List.of(isItem), ofInt("to", OnnxProto.DATA_TYPE_FLOAT));
        }

        /** [batch, 1, L, L]: 0 where attention is allowed, -1e9 elsewhere; see SasRecNetwork. */
        private String attentionBias(int length) {
            String ones = graph.node("ConstantOfShape", List.of(ints("square_shape", length, length)),
                    ofTensor("value", OnnxGraph.floatValue(1f)));
            String causal = graph.node("Trilu", List.of(ones), ofInt("upper", 0));
            String diagonal = graph.node("EyeLike", List.of(ones));

            String notPadding = graph.node("Reshape", List.of(notPadding(), ints("key_shape", -1, 1, 1, length)));
            String keyAllowed = graph.node("Max", List.of(notPadding, diagonal));
            String allowed = graph.node("Mul", List.of(keyAllowed, causal));
            String shifted = graph.node("Sub", List.of(allowed, scalar("one", 1f)));
            return graph.node("Mul", List.of(shifted, scalar("mask_penalty", SasRecNetwork.MASK_PENALTY)));
        }

        private String transformerBlock(int block, String x, String attentionBias, String positionMask) {
            int d = config.embeddingSize();
            int heads = config.heads();
            int headSize = d / heads;

            String query = layerNorm(layerParameter(block, "attention_norm"), x);
            String q = linear(layerParameter(block, "query"), query);
            String k = linear(layerParameter(block, "key"), x);
            String v = linear(layerParameter(block, "value"), x);
            String headShape = ints("head_shape", 0, 0, heads, headSize);
            String qHeads = graph.node("Transpose", List.of(graph.node("Reshape", List.of(q, headShape))),
                    ofInts("perm", 0, 2, 1, 3));
            String kHeadsTransposed = graph.node("Transpose", List.of(graph.node("Reshape", List.of(k, headShape))),
                    ofInts("perm", 0, 2, 3, 1));
            String vHeads = graph.node("Transpose", List.of(graph.node("Reshape", List.of(v, headShape))),
                    ofInts("perm", 0, 2, 1, 3));

            String scores = graph.node("MatMul", List.of(qHeads, kHeadsTransposed));
            scores = graph.node("Div", List.of(scores, scalar("sqrt_head_size", (float) Math.sqrt(headSize))));
            scores = graph.node("Add", List.of(scores, attentionBias));
            String attention = graph.node("Softmax", List.of(scores), ofInt("axis", -1));
            String context = graph.node("Transpose", List.of(graph.node("MatMul", List.of(attention, vHeads))),
                    ofInts("perm", 0, 2, 1, 3));
            context = graph.node("Reshape", List.of(context, ints("model_shape", 0, 0, d)));
            x = graph.node("Add", List.of(query, linear(layerParameter(block, "output"), context)));

            x = layerNorm(layerParameter(block, "ffn_norm"), x);
            String hidden = graph.node("Relu", List.of(linear(layerParameter(block, "ffn1"), x)));
            x = graph.node("Add", List.of(x, linear(layerParameter(block, "ffn2"), hidden)));
            return graph.node("Mul", List.of(x, positionMask));
        }

        private String layerNorm(String name, String x) {
            return graph.node("LayerNormalization", List.of(x, floats(name + ".gamma"), floats(name + ".beta")),
                    ofInt("axis", -1), ofFloat("epsilon", SasRecNetwork.NORM_EPSILON));
        }

        /** x W^T + b with W [out, in] as in PyTorch; the initializer stores W^T [in, out]. */
        private String linear(String name, String x) {
            Tensor weight = weights.tensor(name + ".weight");
            int out = weight.rows();
            int in = weight.columns();
            float[] transposed = new float[in * out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    transposed[i * out + o] = weight.values()[o * in + i];
                }
            }
            String matrix = matrix(name + ".weight_t", in, out, transposed, 1);
            return graph.node("Add", List.of(graph.node("MatMul", List.of(x, matrix)), floats(name + ".bias")));
        }

        private String embeddingTable(String name) {
            Tensor table = weights.tensor(name);
            return matrix(name, table.rows(), table.columns(), table.values(), 0);
        }

        /**
         * Adds a [rows, columns] weight matrix. For int8, {@code axis} picks the quantization
         * groups: 0 for one scale per row (embedding tables), 1 per column (output units of W^T).
         */
        private String matrix(String name, int rows, int columns, float[] values, int axis) {
            long[] dims = {rows, columns};
            if (precision == WeightPrecision.FP32) {
                return graph.floatTensor(name, dims, values);
            }
            int groups = axis == 0 ? rows : columns;
            float[] scales = new float[groups];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    int group = axis == 0 ? r : c;
                    scales[group] = Math.max(scales[group], Math.abs(values[r * columns + c]));
                }
            }
            for (int g = 0; g < groups; g++) {
                // An all-zero group quantizes to zeros whatever the scale; 1 keeps the scale valid.
                scales[g] = scales[g] == 0f ? 1f : scales[g] / INT8_MAX;
            }
            byte[] quantized = new byte[values.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    float scale = scales[axis == 0 ? r : c];
                    long q = Math.round(values[r * columns + c] / scale);
                    quantized[r * columns + c] = (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, q));
                }
            }
            graph.int8Tensor(name + ".int8", dims, quantized);
            graph.floatTensor(name + ".scale", new long[] {groups}, scales);
            return graph.nodeNamed("DequantizeLinear", name, List.of(name + ".int8", name + ".scale"),
                    ofInt("axis", axis));
        }

        private String floats(String name) {
            Tensor tensor = weights.tensor(name);
            return graph.floatTensor(name, tensor.shape(), tensor.values());
        }

        private String scalar(String name, float value) {
            return registerOnce(name, () -> graph.floatTensor(name, new long[0], new float[] {value}));
        }

        private String ints(String name, long... values) {
            return registerOnce(name, () -> graph.int64Tensor(name, new long[] {values.length}, values));
        }

        private String ints0d(String name, long value) {
            return registerOnce(name, () -> graph.int64Tensor(name, new long[0], value));
        }

        private final java.util.Set<String> constants = new java.util.HashSet<>();

        /** Adds a named constant the first time it is used; blocks share them. */
        private String registerOnce(String name, java.util.function.Supplier<String> add) {
            if (constants.add(name)) {
                add.get();
            }
            return name;
        }
    }
}
