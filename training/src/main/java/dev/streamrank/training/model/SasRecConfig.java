package dev.streamrank.training.model;

/**
 * Hyper-parameters of the SASRec-style model and its training run.
 *
 * <p>{@link #reference()} is the configuration of the public PyTorch SASRec reference on
 * MovieLens ml-latest-small (hidden 50, 2 blocks, 1 head, maxLen 200, dropout 0.2, batch 128,
 * Adam 0.001), so a run with it is comparable to that reference. The train command defaults to
 * batch 32 and Adam 0.002, which reach the reference's test figures in fewer epochs, and to gBCE
 * with 32 unseen negatives per position, which goes well past them.
 *
 * @param embeddingSize hidden size d of item, position and block outputs
 * @param blocks        number of self-attention + feed-forward blocks
 * @param heads         attention heads; must divide {@code embeddingSize}
 * @param maxLen        sequence window L; longer histories keep their last L items
 * @param dropout       dropout rate in [0, 1) on embeddings, attention weights and block outputs
 * @param batchSize     user sequences per optimizer step
 * @param learningRate  Adam learning rate
 * @param epochs        maximum number of epochs
 * @param negatives     sampled negatives: one per position for BCE, shared per batch for gBCE and softmax;
 *                      unused by CE, which scores every item
 * @param loss          training objective
 * @param patience      validations without improvement before early stopping
 * @param evalEvery     epochs between two validations
 * @param seed          seed of parameter init, dropout, shuffling and negative sampling
 */
public record SasRecConfig(
        int embeddingSize,
        int blocks,
        int heads,
        int maxLen,
        float dropout,
        int batchSize,
        float learningRate,
        int epochs,
        int negatives,
        LossKind loss,
        int patience,
        int evalEvery,
        long seed) {

    public SasRecConfig {
        positive("embeddingSize", embeddingSize);
        positive("blocks", blocks);
        positive("heads", heads);
        positive("maxLen", maxLen);
        positive("batchSize", batchSize);
        positive("epochs", epochs);
        positive("negatives", negatives);
        positive("patience", patience);
        positive("evalEvery", evalEvery);
        if (embeddingSize % heads != 0) {
            throw new IllegalArgumentException("heads must divide embeddingSize, found embeddingSize "
                    + embeddingSize + " and heads " + heads);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
        }
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, found " + learningRate);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss is required; one of bce, gbce, softmax, ce");
        }
    }

    /** Returns the public reference configuration, trained with BCE and one negative per position. */
    public static SasRecConfig reference() {
        return new SasRecConfig(50, 2, 1, 200, 0.2f, 128, 0.001f, 200, 1, LossKind.BCE, 5, 5, 42L);
    }

    public SasRecConfig withEpochs(int value) {
        return new SasRecConfig(embeddingSize, blocks, heads, maxLen, dropout, batchSize, learningRate, value,
                negatives, loss, patience, evalEvery, seed);
    }

    public SasRecConfig withLoss(LossKind value, int negativeCount) {
        return new SasRecConfig(embeddingSize, blocks, heads, maxLen, dropout, batchSize, learningRate, epochs,
                negativeCount, value, patience, evalEvery, seed);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, found " + value);
        }
    }
}
