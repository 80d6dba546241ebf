package dev.streamrank.training.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * SASRec-style causal transformer as one DJL block.
 *
 * <p>Input: item indices int64 [batch, maxLen], left-padded with 0. Output: hidden states float32
 * [batch, maxLen, d]; the last position is the user vector and an item's score is its dot product
 * with the item's row of {@link #ITEM_EMBEDDING} (shared input and output embeddings).
 *
 * <p>Every step is written with explicit parameters so that the ONNX exporter can repeat it op by
 * op: embeddings times sqrt(d) plus the learned position embedding, then per block the layout of
 * the public PyTorch SASRec (pmixer/SASRec.pytorch): the query is the layer-normed input, keys
 * and values the un-normed input, and the attention output is added to the normed query; the sum
 * is layer-normed again and a point-wise feed-forward (ReLU, hidden size d) with a residual on its
 * normed input follows. Padded positions are zeroed after each block, and a final layer norm
 * ends the stack. Dropout (training only) acts on the embeddings, the attention weights and both
 * feed-forward layers, as in that reference.
 *
 * <p>Attention mask: position i sees position j when j &le; i and j is a real item or j = i. The
 * diagonal keeps every row with at least one allowed key, so an all-padding history still gives
 * finite values. Masked scores get {@link #MASK_PENALTY} added rather than minus infinity for the
 * same reason.
 */
public final class SasRecNetwork extends AbstractBlock {

    public static final String ITEM_EMBEDDING = "item_embedding";
    public static final String POSITION_EMBEDDING = "position_embedding";
    public static final String FINAL_NORM = "final_norm";
    /** Added to attention scores of masked keys; exp() of it underflows to exactly 0 in float32. */
    public static final float MASK_PENALTY = 1e9f;
    /** Layer norm epsilon of the PyTorch SASRec reference (the PyTorch default is 1e-5). */
    public static final float NORM_EPSILON = 1e-8f;

    private static final byte VERSION = 2;

    private final SasRecConfig config;
    private final int itemCount;
    private final Parameter itemEmbedding;
    private final Parameter positionEmbedding;
    private final List<LayerParameters> layers = new ArrayList<>();
    private final Norm finalNorm;

    /**
     * @param config    model dimensions and dropout
     * @param itemCount number of real items N; the embedding has N + 1 rows, row 0 is padding
     */
    public SasRecNetwork(SasRecConfig config, int itemCount) {
        super(VERSION);
        this.config = config;
        this.itemCount = itemCount;
        int d = config.embeddingSize();

        itemEmbedding = addParameter(weight(ITEM_EMBEDDING, new Shape(itemCount + 1L, d)));
        positionEmbedding = addParameter(weight(POSITION_EMBEDDING, new Shape(config.maxLen(), d)));
        for (int block = 0; block < config.blocks(); block++) {
            layers.add(new LayerParameters(block, d));
        }
        finalNorm = new Norm(FINAL_NORM, d);
    }

    public SasRecConfig config() {
        return config;
    }

    public int itemCount() {
        return itemCount;
    }

    /** Returns the item embedding parameter, [N + 1, d]. */
    public Parameter itemEmbedding() {
        return itemEmbedding;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray itemSeq = inputs.singletonOrThrow();
        Device device = itemSeq.getDevice();
        int d = config.embeddingSize();

        NDArray notPadding = itemSeq.neq(0).toType(DataType.FLOAT32, false);
        NDArray positionMask = notPadding.expandDims(2);
        NDArray attentionBias = attentionBias(itemSeq.getManager(), notPadding);

        NDArray table = store.getValue(itemEmbedding, device, training);
        NDArray x = Embedding.embedding(itemSeq, table, SparseFormat.DENSE).singletonOrThrow()
                .mul((float) Math.sqrt(d));
        x = x.add(store.getValue(positionEmbedding, device, training));
        x = dropout(x, training).mul(positionMask);

        for (LayerParameters layer : layers) {
            NDArray query = layer.norm1.apply(store, device, training, x);
            x = query.add(layer.attention(store, device, query, x, attentionBias, training));

            x = layer.norm2.apply(store, device, training, x);
            x = x.add(layer.feedForward(store, device, x, training));
            x = x.mul(positionMask);
        }
        return new NDList(finalNorm.apply(store, device, training, x));
    }

    /** Additive mask [batch, 1, L, L]: 0 where a query may attend to a key, -MASK_PENALTY elsewhere. */
    private NDArray attentionBias(NDManager manager, NDArray notPadding) {
        int length = config.maxLen();
        float[] causal = new float[length * length];
        float[] diagonal = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j <= i; j++) {
                causal[i * length + j] = 1f;
            }
            diagonal[i * length + i] = 1f;
        }
        NDArray causalMask = manager.create(causal, new Shape(length, length));
        NDArray diagonalMask = manager.create(diagonal, new Shape(length, length));

        NDArray keyAllowed = notPadding.reshape(-1, 1, 1, length).maximum(diagonalMask);
        NDArray allowed = keyAllowed.mul(causalMask);
        return allowed.sub(1f).mul(MASK_PENALTY);
    }

    private NDArray dropout(NDArray x, boolean training) {
        if (!training || config.dropout() == 0f) {
            return x;
        }
        return Dropout.dropout(x, config.dropout(), true).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        return new Shape[] {new Shape(input.get(0), input.get(1), config.embeddingSize())};
    }

    private Parameter weight(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).build();
    }

    private Parameter bias(String name, int size) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
                .optShape(new Shape(size)).build());
    }

    /** Parameter name of a block's tensor, such as {@code block0.query.weight}; the exporter uses it. */
    public static String layerParameter(int block, String tensor) {
        return "block" + block + "." + tensor;
    }

    /** Layer norm over the last axis with its scale (gamma) and shift (beta). */
    private final class Norm {
        private final Parameter gamma;
        private final Parameter beta;
        private final int size;

        Norm(String name, int size) {
            this.size = size;
            gamma = addParameter(Parameter.builder().setName(name + ".gamma").setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(size)).build());
            beta = addParameter(Parameter.builder().setName(name + ".beta").setType(Parameter.Type.BETA)
                    .optShape(new Shape(size)).build());
        }

        NDArray apply(ParameterStore store, Device device, boolean training, NDArray x) {
            return LayerNorm.layerNorm(x, new Shape(size), store.getValue(gamma, device, training),
                    store.getValue(beta, device, training), NORM_EPSILON).singletonOrThrow();
        }
    }

    /** The tensors of one transformer block; linear weights are [out, in] as in PyTorch. */
    private final class LayerParameters {
        private final Norm norm1;
        private final Norm norm2;
        private final Parameter queryWeight;
        private final Parameter queryBias;
        private final Parameter keyWeight;
        private final Parameter keyBias;
        private final Parameter valueWeight;
        private final Parameter valueBias;
        private final Parameter outputWeight;
        private final Parameter outputBias;
        private final Parameter ff1Weight;
        private final Parameter ff1Bias;
        private final Parameter ff2Weight;
        private final Parameter ff2Bias;

        LayerParameters(int block, int d) {
            Shape square = new Shape(d, d);
            norm1 = new Norm(layerParameter(block, "attention_norm"), d);
            queryWeight = addParameter(weight(layerParameter(block, "query.weight"), square));
            queryBias = bias(layerParameter(block, "query.bias"), d);
            keyWeight = addParameter(weight(layerParameter(block, "key.weight"), square));
            keyBias = bias(layerParameter(block, "key.bias"), d);
            valueWeight = addParameter(weight(layerParameter(block, "value.weight"), square));
            valueBias = bias(layerParameter(block, "value.bias"), d);
            outputWeight = addParameter(weight(layerParameter(block, "output.weight"), square));
            outputBias = bias(layerParameter(block, "output.bias"), d);
            norm2 = new Norm(layerParameter(block, "ffn_norm"), d);
            ff1Weight = addParameter(weight(layerParameter(block, "ffn1.weight"), square));
            ff1Bias = bias(layerParameter(block, "ffn1.bias"), d);
            ff2Weight = addParameter(weight(layerParameter(block, "ffn2.weight"), square));
            ff2Bias = bias(layerParameter(block, "ffn2.bias"), d);
        }

        /** Attention of the normed {@code query} over the un-normed block input {@code x} (keys and values). */
        NDArray attention(ParameterStore store, Device device, NDArray query, NDArray x, NDArray bias,
                boolean training) {
            int heads = config.heads();
            int d = config.embeddingSize();
            int headSize = d / heads;

            NDArray q = splitHeads(linear(store, device, training, query, queryWeight, queryBias), heads, headSize);
            NDArray k = splitHeads(linear(store, device, training, x, keyWeight, keyBias), heads, headSize);
            NDArray v = splitHeads(linear(store, device, training, x, valueWeight, valueBias), heads, headSize);

            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headSize)).add(bias);
            NDArray weights = dropout(scores.softmax(-1), training);
            NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(x.getShape());
            return linear(store, device, training, context, outputWeight, outputBias);
        }

        NDArray feedForward(ParameterStore store, Device device, NDArray x, boolean training) {
            NDArray hidden = dropout(Activation.relu(linear(store, device, training, x, ff1Weight, ff1Bias)),
                    training);
            return dropout(linear(store, device, training, hidden, ff2Weight, ff2Bias), training);
        }

        private NDArray splitHeads(NDArray x, int heads, int headSize) {
            Shape shape = x.getShape();
            return x.reshape(shape.get(0), shape.get(1), heads, headSize).transpose(0, 2, 1, 3);
        }

        private NDArray linear(ParameterStore store, Device device, boolean training, NDArray x,
                Parameter weight, Parameter bias) {
            return Linear.linear(x, store.getValue(weight, device, training), store.getValue(bias, device, training))
                    .singletonOrThrow();
        }
    }
}
