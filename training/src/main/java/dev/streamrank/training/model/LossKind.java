package dev.streamrank.training.model;

/**
 * Training objectives over sampled negatives.
 *
 * <ul>
 *   <li>{@code BCE}: binary cross-entropy with one uniformly sampled negative per position, as in
 *       the original SASRec paper;
 *   <li>{@code GBCE}: generalised BCE of gSASRec (Petrov and Macdonald, RecSys 2023): the positive
 *       term is weighted by beta to undo the overconfidence that many negatives cause;
 *   <li>{@code SOFTMAX}: sampled softmax cross-entropy of the positive against the negatives.
 * </ul>
 */
public enum LossKind {
    BCE,
    GBCE,
    SOFTMAX;

    /** Parses a command-line name such as {@code bce}, ignoring case. */
    public static LossKind parse(String name) {
        for (LossKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; use one of bce, gbce, softmax");
    }
}
