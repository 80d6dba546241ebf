package dev.streamrank.artifact;

/**
 * Names of the model graph's inputs and outputs, shared by the exporter and the scorer.
 *
 * <ul>
 *   <li>{@code item_seq}: int64 [batch, maxLen], item indices left-padded with 0;
 *   <li>{@code candidates}: int64 [batch, n], item indices to score;
 *   <li>{@code scores}: float32 [batch, n], dot product of the user vector and each candidate's
 *       item embedding;
 *   <li>{@code user_vector}: float32 [batch, dim], the sequence representation at the last position.
 * </ul>
 */
public final class OnnxContract {

    public static final String ITEM_SEQ = "item_seq";
    public static final String CANDIDATES = "candidates";
    public static final String SCORES = "scores";
    public static final String USER_VECTOR = "user_vector";

    /** Model metadata key holding maxLen as a decimal string. */
    public static final String METADATA_MAX_LEN = "streamrank.max_len";
    /** Model metadata key holding the embedding size (user vector width). */
    public static final String METADATA_DIMENSION = "streamrank.dimension";
    /** Model metadata key holding the number of real items N (indices 1..N). */
    public static final String METADATA_ITEM_COUNT = "streamrank.item_count";

    private OnnxContract() {
    }
}
