package dev.streamrank.training.eval;

import ai.onnxruntime.OrtException;
import dev.streamrank.artifact.OnnxScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Scores the whole catalog through an exported ONNX model, to evaluate what the rank function serves. */
public final class OnnxCatalogScorer implements CatalogScorer {

    private final OnnxScorer scorer;
    private final long[] catalog;

    public OnnxCatalogScorer(OnnxScorer scorer, int itemCount) {
        this.scorer = scorer;
        this.catalog = new long[itemCount + 1];
        for (int item = 0; item <= itemCount; item++) {
            catalog[item] = item;
        }
    }

    @Override
    public float[][] scoreCatalog(List<int[]> histories) throws OrtException {
        List<long[]> rows = new ArrayList<>(histories.size());
        long[][] candidates = new long[histories.size()][];
        for (int row = 0; row < histories.size(); row++) {
            rows.add(Arrays.stream(histories.get(row)).asLongStream().toArray());
            candidates[row] = catalog;
        }
        return scorer.score(rows, candidates).scores();
    }
}
