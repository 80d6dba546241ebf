package dev.streamrank.artifact;

import dev.streamrank.event.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads published model versions: {@code CURRENT} names the version in service, and
 * {@code <version>/manifest.json} lists every file with its sha256.
 *
 * <p>A version is used only whole: a missing manifest (the publisher writes it last, so the
 * version is half-written), a missing file or a sha256 mismatch raises
 * {@link ModelArtifactException}. Thread-safe when the storage is.
 */
public final class ModelStore {

    public static final String CURRENT = "CURRENT";
    /** Version names are folder names: letters, digits, '.', '_' and '-'. */
    public static final Pattern VERSION_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final ArtifactStorage storage;

    public ModelStore(ArtifactStorage storage) {
        this.storage = storage;
    }

    public ArtifactStorage storage() {
        return storage;
    }

    /** Returns the version CURRENT names, or empty when nothing was published yet. */
    public Optional<String> currentVersion() throws IOException, ModelArtifactException {
        Optional<byte[]> current = storage.read(CURRENT);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String version = new String(current.get(), StandardCharsets.UTF_8).strip();
        checkVersionName(version, CURRENT + " in " + storage.describe());
        return Optional.of(version);
    }

    /** Loads and verifies the version CURRENT names. */
    public ModelArtifact loadCurrent() throws IOException, ModelArtifactException {
        String version = currentVersion().orElseThrow(() -> new ModelArtifactException("no model published: "
                + CURRENT + " not found in " + storage.describe() + "; run the training job's publish step"));
        return load(version);
    }

    /** Reads and parses a version's manifest without checking the other files. */
    public ModelManifest readManifest(String version) throws IOException, ModelArtifactException {
        checkVersionName(version, "the requested version");
        byte[] bytes = storage.read(version + "/" + ModelManifest.FILE_NAME).orElseThrow(() ->
                new ModelArtifactException("model version '" + version + "' has no " + ModelManifest.FILE_NAME
                        + " in " + storage.describe() + ": it is half-written or was never published"));
        ModelManifest manifest;
        try {
            manifest = EventJson.MAPPER.readValue(bytes, ModelManifest.class);
        } catch (IOException e) {
            throw new ModelArtifactException("manifest of model version '" + version + "' is not valid: "
                    + e.getMessage(), e);
        }
        if (manifest.formatVersion() != ModelManifest.FORMAT_VERSION) {
            throw new ModelArtifactException("manifest of model version '" + version + "' has format version "
                    + manifest.formatVersion() + ", this reader supports " + ModelManifest.FORMAT_VERSION);
        }
        if (!version.equals(manifest.version())) {
            throw new ModelArtifactException("manifest in folder '" + version + "' names version '"
                    + manifest.version() + "'; the folder was copied or renamed");
        }
        return manifest;
    }

    /** Loads a version and verifies every file against its manifest sha256. */
    public ModelArtifact load(String version) throws IOException, ModelArtifactException {
        ModelManifest manifest = readManifest(version);
        for (String required : List.of(ModelManifest.MODEL_FP32, ModelManifest.MODEL_INT8, ModelManifest.VOCABULARY,
                manifest.itemEmbeddings().file())) {
            if (!manifest.files().containsKey(required)) {
                throw new ModelArtifactException("manifest of model version '" + version + "' does not list "
                        + required + "; listed: " + manifest.files().keySet());
            }
        }
        for (Map.Entry<String, ModelManifest.FileEntry> entry : manifest.files().entrySet()) {
            if (!entry.getKey().equals(ModelManifest.MODEL_FP32) && !entry.getKey().equals(ModelManifest.MODEL_INT8)) {
                verified(version, entry.getKey(), entry.getValue());
            }
        }

        byte[] fp32 = verified(version, ModelManifest.MODEL_FP32, manifest.files().get(ModelManifest.MODEL_FP32));
        byte[] int8 = verified(version, ModelManifest.MODEL_INT8, manifest.files().get(ModelManifest.MODEL_INT8));
        ItemVocabulary vocabulary = ItemVocabulary.fromJson(verified(version, ModelManifest.VOCABULARY,
                manifest.files().get(ModelManifest.VOCABULARY)));
        ModelManifest.MatrixLayout layout = manifest.itemEmbeddings();
        byte[] embeddingBytes = verified(version, layout.file(), manifest.files().get(layout.file()));
        ItemEmbeddings embeddings;
        try {
            embeddings = ItemEmbeddings.fromBytes(embeddingBytes, layout.shape().get(0), layout.shape().get(1));
        } catch (IllegalArgumentException e) {
            throw new ModelArtifactException("model version '" + version + "': " + e.getMessage(), e);
        }
        if (embeddings.rows() != vocabulary.size() + 1) {
            throw new ModelArtifactException("model version '" + version + "': embedding matrix has "
                    + embeddings.rows() + " rows but the vocabulary has " + vocabulary.size() + " items (+1 padding)");
        }
        return new ModelArtifact(manifest, fp32, int8, vocabulary, embeddings);
    }

    private byte[] verified(String version, String file, ModelManifest.FileEntry entry)
            throws IOException, ModelArtifactException {
        byte[] bytes = storage.read(version + "/" + file).orElseThrow(() -> new ModelArtifactException(
                "model version '" + version + "' lists " + file + " but it is missing in " + storage.describe()));
        String actual = sha256(bytes);
        if (!actual.equals(entry.sha256())) {
            throw new ModelArtifactException("model version '" + version + "': sha256 of " + file + " is " + actual
                    + " but the manifest expects " + entry.sha256() + "; the file was changed or partly written,"
                    + " publish the version again");
        }
        return bytes;
    }

    /** Returns the lowercase hex sha256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static void checkVersionName(String version, String where) throws ModelArtifactException {
        if (!VERSION_NAME.matcher(version).matches()) {
            throw new ModelArtifactException(where + " contains an invalid version name '" + version
                    + "'; expected letters, digits, '.', '_' or '-'");
        }
    }
}
