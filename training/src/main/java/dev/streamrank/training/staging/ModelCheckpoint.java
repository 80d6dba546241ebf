package dev.streamrank.training.staging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.streamrank.artifact.ModelStore;
import dev.streamrank.event.EventJson;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.model.SasRecNetwork;
import dev.streamrank.training.model.SasRecWeights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint format of trained weights: two files in a staging directory.
 *
 * <ul>
 *   <li>{@value #WEIGHTS}: every tensor's values, one after the other in the order that
 *       {@value #METADATA} lists them, row-major float32 little-endian;
 *   <li>{@value #METADATA}: format version, the {@link SasRecConfig}, the item count N, the
 *       sha256 and size of {@value #WEIGHTS}, and per tensor its name, shape and offset (in
 *       float values from the start of {@value #WEIGHTS}).
 * </ul>
 *
 * <p>The weights file is written first and the metadata last, each atomically, so a metadata
 * file always names the sha256 of a complete weights file; a reader checks it. Values round-trip
 * bit for bit.
 */
public final class ModelCheckpoint {

    public static final String METADATA = "checkpoint.json";
    public static final String WEIGHTS = "weights.f32";
    public static final int FORMAT_VERSION = 1;

    /**
     * Contents of {@value #METADATA}.
     *
     * @param formatVersion layout version, {@link #FORMAT_VERSION}
     * @param config        model and training configuration the weights were trained with
     * @param itemCount     number of real items N; the item embedding has N + 1 rows (row 0 is padding)
     * @param weights       the weights file and its checksum
     * @param tensors       the parameter tensors in file order
     */
    public record Metadata(int formatVersion, SasRecConfig config, int itemCount, WeightsFile weights,
            List<TensorEntry> tensors) {
    }

    /**
     * @param file      file name inside the staging directory, {@value #WEIGHTS}
     * @param sha256    lowercase hex digest of the file
     * @param bytes     file size
     * @param dtype     element type, always {@code float32}
     * @param byteOrder always {@code little-endian}
     */
    public record WeightsFile(String file, String sha256, long bytes, String dtype, String byteOrder) {
    }

    /**
     * @param name   parameter name, as {@link SasRecWeights#tensor} takes it
     * @param shape  dimensions, row-major
     * @param offset position of the first value, counted in float values from the start of the file
     */
    public record TensorEntry(String name, List<Long> shape, long offset) {
    }

    private ModelCheckpoint() {
    }

    /** Returns the two files to write, in write order: {@value #WEIGHTS}, then {@value #METADATA}. */
    public static Map<String, byte[]> encode(SasRecWeights weights) throws JsonProcessingException {
        long valueCount = 0;
        for (SasRecWeights.Tensor tensor : weights.tensors().values()) {
            valueCount += tensor.values().length;
        }
        if (valueCount * Float.BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the weights have " + valueCount + " float values, more than one"
                    + " checkpoint file of at most 2 GiB can store");
        }

        ByteBuffer buffer = ByteBuffer.allocate((int) valueCount * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        List<TensorEntry> entries = new ArrayList<>();
        for (Map.Entry<String, SasRecWeights.Tensor> entry : weights.tensors().entrySet()) {
            SasRecWeights.Tensor tensor = entry.getValue();
            entries.add(new TensorEntry(entry.getKey(), Arrays.stream(tensor.shape()).boxed().toList(),
                    buffer.position() / Float.BYTES));
            buffer.asFloatBuffer().put(tensor.values());
            buffer.position(buffer.position() + tensor.values().length * Float.BYTES);
        }
        byte[] values = buffer.array();

        Metadata metadata = new Metadata(FORMAT_VERSION, weights.config(), weights.itemCount(),
                new WeightsFile(WEIGHTS, ModelStore.sha256(values), values.length, "float32", "little-endian"),
                entries);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(WEIGHTS, values);
        files.put(METADATA, EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata));
        return files;
    }

    /**
     * Parses and checks {@value #METADATA}.
     *
     * @param where names the file in messages, such as its path
     */
    public static Metadata parseMetadata(byte[] json, String where) throws StagingDirectoryException {
        Metadata metadata;
        try {
            metadata = EventJson.MAPPER.readValue(json, Metadata.class);
        } catch (IOException e) {
            // A config that fails SasRecConfig's checks lands here too, with its message as the cause.
            throw new StagingDirectoryException(where + " is not a valid checkpoint: " + rootMessage(e)
                    + "; train again to write a new checkpoint", e);
        }
        if (metadata.formatVersion() != FORMAT_VERSION) {
            throw new StagingDirectoryException(where + " has checkpoint format version " + metadata.formatVersion()
                    + ", this program reads version " + FORMAT_VERSION + "; train again with this program");
        }
        if (metadata.config() == null || metadata.weights() == null || metadata.tensors() == null
                || metadata.itemCount() <= 0) {
            throw new StagingDirectoryException(where + " has no config, itemCount, weights or tensors; it was not"
                    + " written by the train command, train again");
        }
        return metadata;
    }

    /**
     * Decodes the weights and checks them against their metadata: checksum, size, offsets, and the
     * item embedding's shape [N + 1, d].
     *
     * @param where names the staging directory in messages
     */
    public static SasRecWeights decode(Metadata metadata, byte[] values, String where)
            throws StagingDirectoryException {
        WeightsFile file = metadata.weights();
        if (values.length != file.bytes() || !ModelStore.sha256(values).equals(file.sha256())) {
            throw new StagingDirectoryException(where + ": " + WEIGHTS + " (" + values.length + " bytes, sha256 "
                    + ModelStore.sha256(values) + ") is not the file " + METADATA + " names (" + file.bytes()
                    + " bytes, sha256 " + file.sha256() + "); it was changed or copied from another run, train again");
        }

        ByteBuffer buffer = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
        long available = values.length / Float.BYTES;
        Map<String, SasRecWeights.Tensor> tensors = new LinkedHashMap<>();
        for (TensorEntry entry : metadata.tensors()) {
            long[] shape = entry.shape().stream().mapToLong(Long::longValue).toArray();
            long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (entry.offset() < 0 || entry.offset() + count > available) {
                throw new StagingDirectoryException(where + ": tensor '" + entry.name() + "' of shape "
                        + entry.shape() + " at offset " + entry.offset() + " does not fit in " + WEIGHTS + " ("
                        + available + " values); train again");
            }
            float[] tensorValues = new float[(int) count];
            buffer.position((int) entry.offset() * Float.BYTES);
            buffer.asFloatBuffer().get(tensorValues);
            tensors.put(entry.name(), new SasRecWeights.Tensor(shape, tensorValues));
        }

        SasRecWeights weights = SasRecWeights.of(metadata.config(), metadata.itemCount(), tensors);
        checkItemEmbedding(weights, where);
        return weights;
    }

    private static void checkItemEmbedding(SasRecWeights weights, String where) throws StagingDirectoryException {
        SasRecWeights.Tensor table;
        try {
            table = weights.tensor(SasRecNetwork.ITEM_EMBEDDING);
        } catch (IllegalArgumentException e) {
            throw new StagingDirectoryException(where + ": " + METADATA + " lists no tensor '"
                    + SasRecNetwork.ITEM_EMBEDDING + "'; train again", e);
        }
        int expectedRows = weights.itemCount() + 1;
        int expectedColumns = weights.config().embeddingSize();
        if (table.shape().length != 2 || table.rows() != expectedRows || table.columns() != expectedColumns) {
            throw new StagingDirectoryException(where + ": tensor '" + SasRecNetwork.ITEM_EMBEDDING + "' has shape "
                    + Arrays.toString(table.shape()) + ", expected [" + expectedRows + ", " + expectedColumns
                    + "] for itemCount " + weights.itemCount() + " and embeddingSize " + expectedColumns
                    + "; train again");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
