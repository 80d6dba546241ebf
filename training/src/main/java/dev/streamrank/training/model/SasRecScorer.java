package dev.streamrank.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import dev.streamrank.training.eval.CatalogScorer;
import java.util.List;

/**
 * Scores with the DJL network in inference mode (no dropout): user vectors are the hidden state at
 * the last position, scores their dot products with the item embedding.
 */
public final class SasRecScorer implements CatalogScorer {

    private final SasRecNetwork network;
    private final NDManager manager;
    private final int maxLen;

    SasRecScorer(SasRecNetwork network, NDManager manager, int maxLen) {
        this.network = network;
        this.manager = manager;
        this.maxLen = maxLen;
    }

    /** Returns the user vectors, [histories][d]. */
    public float[][] userVectors(List<int[]> histories) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray users = lastHidden(scope, histories);
            return rows(users.toFloatArray(), histories.size());
        }
    }

    /** Returns scores of the given candidate item indices, [histories][candidates per row]. */
    public float[][] score(List<int[]> histories, long[][] candidates) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray users = lastHidden(scope, histories);
            NDArray ids = scope.create(candidates);
            NDArray items = Embedding.embedding(ids, network.itemEmbedding().getArray(), SparseFormat.DENSE)
                    .singletonOrThrow();
            NDArray scores = items.matMul(users.expandDims(2)).squeeze(2);
            return rows(scores.toFloatArray(), histories.size());
        }
    }

    @Override
    public float[][] scoreCatalog(List<int[]> histories) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray users = lastHidden(scope, histories);
            NDArray scores = users.matMul(network.itemEmbedding().getArray().transpose());
            return rows(scores.toFloatArray(), histories.size());
        }
    }

    private NDArray lastHidden(NDManager scope, List<int[]> histories) {
        NDArray input = scope.create(SequenceBatch.leftPadAll(histories, maxLen), new Shape(histories.size(), maxLen));
        NDArray hidden = network.forward(new ParameterStore(scope, false), new NDList(input), false)
                .singletonOrThrow();
        return hidden.get(":, -1, :");
    }

    private static float[][] rows(float[] values, int count) {
        int width = values.length / count;
        float[][] rows = new float[count][];
        for (int row = 0; row < count; row++) {
            rows[row] = java.util.Arrays.copyOfRange(values, row * width, (row + 1) * width);
        }
        return rows;
    }
}
