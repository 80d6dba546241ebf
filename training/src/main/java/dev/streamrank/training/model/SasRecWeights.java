package dev.streamrank.training.model;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of the network's parameters in Java arrays, by parameter name: the snapshot kept for the
 * best validation epoch and the input of the ONNX exporter. Immutable after creation.
 */
public final class SasRecWeights {

    /** One parameter tensor, row-major float32. */
    public record Tensor(long[] shape, float[] values) {

        /** Returns the number of rows (first dimension). */
        public int rows() {
            return (int) shape[0];
        }

        /** Returns the size of the last dimension. */
        public int columns() {
            return (int) shape[shape.length - 1];
        }
    }

    private final SasRecConfig config;
    private final int itemCount;
    private final Map<String, Tensor> tensors;

    private SasRecWeights(SasRecConfig config, int itemCount, Map<String, Tensor> tensors) {
        this.config = config;
        this.itemCount = itemCount;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Copies the current parameter values of an initialized network. */
    public static SasRecWeights copyOf(SasRecNetwork network) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : network.getDirectParameters()) {
            Parameter parameter = entry.getValue();
            tensors.put(parameter.getName(), new Tensor(parameter.getArray().getShape().getShape(),
                    parameter.getArray().toFloatArray()));
        }
        return new SasRecWeights(network.config(), network.itemCount(), tensors);
    }

    /**
     * Creates weights from stored tensors, as a checkpoint reader does. Only each tensor's value
     * count is checked against its shape; the caller checks names and shapes against the config.
     */
    public static SasRecWeights of(SasRecConfig config, int itemCount, Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            long expected = 1;
            for (long dimension : entry.getValue().shape()) {
                expected *= dimension;
            }
            if (expected != entry.getValue().values().length) {
                throw new IllegalArgumentException("tensor '" + entry.getKey() + "' of shape "
                        + java.util.Arrays.toString(entry.getValue().shape()) + " needs " + expected + " values, found "
                        + entry.getValue().values().length);
            }
        }
        return new SasRecWeights(config, itemCount, new LinkedHashMap<>(tensors));
    }

    /** Writes these values into the parameters of an initialized network of the same dimensions. */
    public void copyInto(SasRecNetwork network) {
        for (Pair<String, Parameter> entry : network.getDirectParameters()) {
            Parameter parameter = entry.getValue();
            Tensor tensor = tensor(parameter.getName());
            parameter.getArray().set(FloatBuffer.wrap(tensor.values()));
        }
    }

    public SasRecConfig config() {
        return config;
    }

    public int itemCount() {
        return itemCount;
    }

    /** Returns the tensor of a parameter, failing with the known names when it is missing. */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + tensors.keySet());
        }
        return tensor;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }
}
