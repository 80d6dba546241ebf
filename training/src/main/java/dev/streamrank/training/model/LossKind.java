package dev.streamrank.training.model;

/**
 * Training objectives over sampled negatives.
 *
 * <ul>
 *   <li>{@code BCE}: binary cross-entropy with one uniformly sampled negative per position, as in
 *       the original SASRec paper;
 *   <li>{@code GBCE}: generalised BCE of gSASRec (Petrov and Macdonald, RecSys 2023): the positive
 *       term is weighted by beta to undo the overconfidence that many negatives cause;
 *   <li>{@code SOFTMAX}: sampled softmax cross-entropy of the positive against the negatives;
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
