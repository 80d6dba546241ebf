package dev.streamrank.artifact;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model version. The publisher writes it last, so a version without a
 * manifest is incomplete and readers reject it.
 *
 * @param formatVersion  layout version of this manifest, {@link #FORMAT_VERSION}
 * @param version        the version folder name
 * @param createdAt      ISO-8601 instant of publishing
 * @param dimensions     sizes a reader needs before opening the files
 * @param config         training configuration, by name
 * @param dataRange      what the model was trained on
 * @param metrics        evaluation results by name (for example {@code ndcg10_full}), fractions in [0, 1]
 * @param files          every file of the version by name, with its sha256 and size
 * @param itemEmbeddings layout of the item embedding matrix file
 */
public record ModelManifest(
        int formatVersion,
        String version,
        String createdAt,
        Dimensions dimensions,
        Map<String, Object> config,
        DataRange dataRange,
        Map<String, Double> metrics,
        Map<String, FileEntry> files,
        MatrixLayout itemEmbeddings) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    public static final String MODEL_FP32 = "model.onnx";
    public static final String MODEL_INT8 = "model.int8.onnx";
    public static final String VOCABULARY = "vocabulary.json";
    public static final String ITEM_EMBEDDINGS = "item_embeddings.f32";
    public static final String LEARNING_CURVE = "learning_curve.png";

    /**
     * @param embeddingSize width of user vectors and item embeddings
     * @param maxLen        length of the {@code item_seq} input
     * @param itemCount     number of real items N; indices 1..N, 0 is padding
     */
    public record Dimensions(int embeddingSize, int maxLen, int itemCount) {
    }

    /**
     * @param source         where the interactions came from (directory or S3 URI)
     * @param firstEvent     earliest event time, ISO-8601
     * @param lastEvent      latest event time, ISO-8601
     * @param interactions   interactions read
     * @param users          distinct users
     */
    public record DataRange(String source, String firstEvent, String lastEvent, long interactions, int users) {
    }

    /** @param sha256 lowercase hex digest; @param bytes file size */
    public record FileEntry(String sha256, long bytes) {
    }

    /**
     * @param file      file name inside the version folder
     * @param shape     [rows, columns]; row i is the embedding of item index i (row 0 is padding)
     * @param dtype     element type, always {@code float32}
     * @param byteOrder always {@code little-endian}, row-major
     */
    public record MatrixLayout(String file, List<Integer> shape, String dtype, String byteOrder) {
    }
}
