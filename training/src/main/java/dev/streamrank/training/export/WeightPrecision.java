package dev.streamrank.training.export;

/** Storage format of the embedding tables and linear-layer weights. */
public enum WeightPrecision {
    /** float32 initializers. */
    FP32,
    /**
     * Symmetric int8 with one float32 scale per row of the embedding tables and per output column of
     * the linear weights, restored by DequantizeLinear; biases and layer norms stay float32.
     */
    INT8
}
