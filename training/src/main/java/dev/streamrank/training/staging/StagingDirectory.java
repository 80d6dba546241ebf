package dev.streamrank.training.staging;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.streamrank.artifact.ItemEmbeddings;
import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.artifact.LocalArtifactStorage;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.event.EventJson;
import dev.streamrank.training.model.SasRecWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model directory that the training steps hand over to each other, so that training, export,
 * evaluation and publishing can run as separate commands, on separate machines.
 *
 * <p>Files, by the step that writes them (names shared with a published version folder where the
 * content is the same):
 * <ul>
 *   <li>train: {@value ModelCheckpoint#WEIGHTS} and {@value ModelCheckpoint#METADATA} (see
 *       {@link ModelCheckpoint}), {@value ModelManifest#VOCABULARY}, {@value ModelManifest#LEARNING_CURVE},
 *       {@value #TRAINING_REPORT} ({@link TrainingReport}), {@value #DATA} ({@link DataDescription});
 *   <li>export: {@value ModelManifest#MODEL_FP32}, {@value ModelManifest#MODEL_INT8},
 *       {@value ModelManifest#ITEM_EMBEDDINGS};
 *   <li>evaluate: {@value #METRICS} ({@link EvaluationReport}).
 * </ul>
 *
 * <p>Every file is written to a temporary file and renamed, so a reader never sees half a file;
 * the train step writes {@value ModelCheckpoint#METADATA} last. A missing file raises
 * {@link StagingDirectoryException} naming the command that writes it. Not thread-safe.
 */
public final class StagingDirectory {

    public static final String TRAINING_REPORT = "training.json";
    public static final String DATA = "data.json";
    public static final String METRICS = "metrics.json";

    private static final String TRAIN_COMMAND = "train --train-only --out";
    private static final String EXPORT_COMMAND = "export --model";
    private static final String EVALUATE_COMMAND = "evaluate --model";

    /** The command (before the directory argument) that writes each file. */
    private static final Map<String, String> WRITTEN_BY = writers();

    private final Path root;
    private final LocalArtifactStorage storage;

    private StagingDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.storage = new LocalArtifactStorage(this.root);
    }

    /**
     * Creates the directory for a new training run. It fails when the directory already contains
     * a staged file, because the later steps' files of the old run would not match the new checkpoint.
     */
    public static StagingDirectory createForTraining(Path directory) throws StagingDirectoryException, IOException {
        StagingDirectory staging = new StagingDirectory(directory);
        if (Files.exists(staging.root) && !Files.isDirectory(staging.root)) {
            throw new StagingDirectoryException("--out " + staging.root + " is a file, not a directory; pass a new"
                    + " directory");
        }
        for (String file : WRITTEN_BY.keySet()) {
            if (Files.exists(staging.path(file))) {
                throw new StagingDirectoryException("--out " + staging.root + " already contains a model (" + file
                        + "); pass a new directory or delete the old one");
            }
        }
        Files.createDirectories(staging.root);
        return staging;
    }

    /** Opens an existing directory; its files are checked when they are read. */
    public static StagingDirectory open(Path directory) throws StagingDirectoryException {
        StagingDirectory staging = new StagingDirectory(directory);
        if (!Files.isDirectory(staging.root)) {
            throw new StagingDirectoryException("--model " + staging.root + " is not a directory; pass the directory"
                    + " that 'streamrank-train train --out DIR' wrote");
        }
        return staging;
    }

    public Path root() {
        return root;
    }

    /** Returns the path of a file in this directory. */
    public Path path(String file) {
        return storage.resolve(file);
    }

    /** Returns whether the file exists. */
    public boolean has(String file) {
        return Files.isRegularFile(path(file));
    }

    /** Writes the train step's files; the checkpoint metadata goes last and marks the step complete. */
    public void writeTraining(SasRecWeights weights, ItemVocabulary vocabulary, byte[] learningCurve,
            TrainingReport report, DataDescription data) throws IOException {
        ObjectWriter json = EventJson.MAPPER.writerWithDefaultPrettyPrinter();
        storage.write(ModelManifest.VOCABULARY, vocabulary.toJson());
        storage.write(DATA, json.writeValueAsBytes(data));
        storage.write(TRAINING_REPORT, json.writeValueAsBytes(report));
        storage.write(ModelManifest.LEARNING_CURVE, learningCurve);
        for (Map.Entry<String, byte[]> file : ModelCheckpoint.encode(weights).entrySet()) {
            storage.write(file.getKey(), file.getValue());
        }
    }

    /** Reads only the checkpoint's metadata: configuration and item count, without the weights. */
    public ModelCheckpoint.Metadata readCheckpointMetadata() throws StagingDirectoryException, IOException {
        return ModelCheckpoint.parseMetadata(require(ModelCheckpoint.METADATA), path(ModelCheckpoint.METADATA)
                .toString());
    }

    /** Reads the checkpoint and checks the weights against their metadata. */
    public SasRecWeights readCheckpoint() throws StagingDirectoryException, IOException {
        ModelCheckpoint.Metadata metadata = readCheckpointMetadata();
        return ModelCheckpoint.decode(metadata, require(ModelCheckpoint.WEIGHTS), root.toString());
    }

    /** Reads the item vocabulary and checks that it has {@code itemCount} items. */
    public ItemVocabulary readVocabulary(int itemCount, String countSource)
            throws StagingDirectoryException, IOException {
        ItemVocabulary vocabulary = readVocabulary();
        if (vocabulary.size() != itemCount) {
            throw new StagingDirectoryException(path(ModelManifest.VOCABULARY) + " lists " + vocabulary.size()
                    + " items but " + countSource + " has " + itemCount + "; the files come from different"
                    + " training runs, train again into a new directory");
        }
        return vocabulary;
    }

    /** Reads the item vocabulary. */
    public ItemVocabulary readVocabulary() throws StagingDirectoryException, IOException {
        byte[] json = require(ModelManifest.VOCABULARY);
        try {
            return ItemVocabulary.fromJson(json);
        } catch (IOException | IllegalArgumentException e) {
            throw new StagingDirectoryException(path(ModelManifest.VOCABULARY) + " is not a valid item vocabulary"
                    + " (a JSON array of distinct item ids): " + e.getMessage(), e);
        }
    }

    public DataDescription readData() throws StagingDirectoryException, IOException {
        return readJson(DATA, DataDescription.class);
    }

    public TrainingReport readTrainingReport() throws StagingDirectoryException, IOException {
        return readJson(TRAINING_REPORT, TrainingReport.class);
    }

    /** Reads the learning curve, which a directory copied without it may lack. */
    public Optional<byte[]> readLearningCurve() throws IOException {
        return storage.read(ModelManifest.LEARNING_CURVE);
    }

    /** Writes the export step's files. */
    public void writeExport(byte[] fp32, byte[] int8, ItemEmbeddings embeddings) throws IOException {
        storage.write(ModelManifest.MODEL_FP32, fp32);
        storage.write(ModelManifest.MODEL_INT8, int8);
        storage.write(ModelManifest.ITEM_EMBEDDINGS, embeddings.toBytes());
    }

    /** Reads {@value ModelManifest#MODEL_FP32} or {@value ModelManifest#MODEL_INT8}. */
    public byte[] readModel(String file) throws StagingDirectoryException, IOException {
        return require(file);
    }

    /** Reads the item embedding matrix, [N + 1, columns]. */
    public ItemEmbeddings readEmbeddings(int itemCount, int columns) throws StagingDirectoryException, IOException {
        byte[] bytes = require(ModelManifest.ITEM_EMBEDDINGS);
        try {
            return ItemEmbeddings.fromBytes(bytes, itemCount + 1, columns);
        } catch (IllegalArgumentException e) {
            throw new StagingDirectoryException(path(ModelManifest.ITEM_EMBEDDINGS) + " does not fit the "
                    + itemCount + " items of " + ModelManifest.VOCABULARY + ": " + e.getMessage() + "; run '"
                    + command(ModelManifest.ITEM_EMBEDDINGS) + " again", e);
        }
    }

    public void writeMetrics(EvaluationReport report) throws IOException {
        storage.write(METRICS, EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
    }

    public EvaluationReport readMetrics() throws StagingDirectoryException, IOException {
        EvaluationReport report = readJson(METRICS, EvaluationReport.class);
        if (report.formatVersion() != EvaluationReport.FORMAT_VERSION || report.metrics() == null) {
            throw new StagingDirectoryException(path(METRICS) + " has format version " + report.formatVersion()
                    + " or no metrics; this program reads version " + EvaluationReport.FORMAT_VERSION + ", run '"
                    + command(METRICS) + " again");
        }
        return report;
    }

    /** Returns the file's bytes, failing with the command that writes it when it is missing. */
    public byte[] require(String file) throws StagingDirectoryException, IOException {
        Optional<byte[]> bytes = storage.read(file);
        if (bytes.isEmpty()) {
            throw new StagingDirectoryException(path(file) + " not found; run '" + command(file) + " first");
        }
        return bytes.get();
    }

    /** Returns the command line that writes {@code file} into this directory. */
    String command(String file) {
        String command = "streamrank-train " + WRITTEN_BY.getOrDefault(file, TRAIN_COMMAND) + " " + root;
        return EVALUATE_COMMAND.equals(WRITTEN_BY.get(file))
                ? command + "' with the data's source option (--movielens, --log-dir or --log-s3-prefix"
                        + " as for train)"
                : command + "'";
    }

    private <T> T readJson(String file, Class<T> type) throws StagingDirectoryException, IOException {
        byte[] json = require(file);
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new StagingDirectoryException(path(file) + " is not valid: " + e.getMessage() + "; run '"
                    + command(file) + " again", e);
        }
    }

    private static Map<String, String> writers() {
        Map<String, String> writers = new LinkedHashMap<>();
        for (String file : List.of(ModelCheckpoint.METADATA, ModelCheckpoint.WEIGHTS, ModelManifest.VOCABULARY,
                ModelManifest.LEARNING_CURVE, TRAINING_REPORT, DATA)) {
            writers.put(file, TRAIN_COMMAND);
        }
        for (String file : List.of(ModelManifest.MODEL_FP32, ModelManifest.MODEL_INT8, ModelManifest.ITEM_EMBEDDINGS)) {
            writers.put(file, EXPORT_COMMAND);
        }
        writers.put(METRICS, EVALUATE_COMMAND);
        return Collections.unmodifiableMap(writers);
    }
}
