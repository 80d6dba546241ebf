package dev.streamrank.training.model;

/**
 * Training objectives over sampled negatives.
 *
 * <ul>
 *   <li>{@code BCE}: binary cross-entropy against K negatives per position drawn from the items
 *       the user never picked, averaged over the K; K = 1 is the original SASRec objective;
 *   <li>{@code GBCE}: generalised BCE of gSASRec (Petrov and Macdonald, RecSys 2023) over K such
 *       negatives per position: the positive term is weighted by beta to undo the overconfidence
 *       that many negatives cause. The default of the train command;
 *   <li>{@code SOFTMAX}: sampled softmax cross-entropy of the positive against K negatives shared
 *       by the batch;
 *   <li>{@code CE}: softmax cross-entropy over the whole catalog, no sampling (SASRec+ of
 *       Klenitskiy and Vasilev, RecSys 2023). Affordable while the catalog has tens of thousands of
 *       items: the logits are [positions, N + 1] per batch.
 * </ul>
 */
public enum LossKind {
    BCE,
    GBCE,
    SOFTMAX,
    CE;

    /** Parses a command-line name such as {@code bce}, ignoring case. */
    public static LossKind parse(String name) {
        for (LossKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; use one of bce, gbce, softmax, ce");
    }
}
