package dev.streamrank.training.publish;

import dev.streamrank.artifact.ArtifactStorage;
import dev.streamrank.artifact.ModelArtifactException;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.artifact.ModelStore;
import dev.streamrank.event.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a model version: its files first, {@code manifest.json} (with the sha256 of each file)
 * last, then moves {@code CURRENT} only when the new version passes the evaluation gate.
 *
 * <p>Gate: the new full-ranking NDCG@10 must be at least {@code (1 - tolerance)} times the current
 * version's. A version that fails the gate stays published (for inspection) but is not served.
 */
public final class ModelPublisher {

    /** The metric the gate compares. */
    public static final String GATE_METRIC = "ndcg10_full";

    private static final Logger LOG = LoggerFactory.getLogger(ModelPublisher.class);

    private final ModelStore store;
    private final double tolerance;

    /** @param tolerance allowed relative drop of NDCG@10 against the current version, in [0, 1) */
    public ModelPublisher(ArtifactStorage storage, double tolerance) {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("gate tolerance must be in [0, 1), found " + tolerance);
        }
        this.store = new ModelStore(storage);
        this.tolerance = tolerance;
    }

    /**
     * The outcome of publishing.
     *
     * @param version  the version written
     * @param promoted whether CURRENT now names it
     * @param reason   why it was or was not promoted
     */
    public record Outcome(String version, boolean promoted, String reason) {
    }

    /**
     * Writes the files and the manifest, then applies the gate.
     *
     * @param files    file name to content, without the manifest
     * @param manifest the manifest without file entries; they are computed here
     */
    public Outcome publish(Map<String, byte[]> files, ModelManifest manifest)
            throws IOException, ModelArtifactException {
        String version = manifest.version();
        ArtifactStorage storage = store.storage();
        if (storage.read(version + "/" + ModelManifest.FILE_NAME).isPresent()) {
            throw new IllegalStateException("model version '" + version + "' already exists in "
                    + storage.describe() + "; versions are immutable, choose another version name");
        }

        Map<String, ModelManifest.FileEntry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            storage.write(version + "/" + file.getKey(), file.getValue());
            entries.put(file.getKey(), new ModelManifest.FileEntry(ModelStore.sha256(file.getValue()),
                    file.getValue().length));
        }
        ModelManifest complete = new ModelManifest(manifest.formatVersion(), version, manifest.createdAt(),
                manifest.dimensions(), manifest.config(), manifest.dataRange(), manifest.metrics(), entries,
                manifest.itemEmbeddings());
        // Written last: its presence marks the version complete.
        storage.write(version + "/" + ModelManifest.FILE_NAME,
                EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(complete));

        Outcome outcome = gate(complete);
        if (outcome.promoted()) {
            storage.write(ModelStore.CURRENT, (version + "\n").getBytes(StandardCharsets.UTF_8));
        }
        LOG.info("model version published: version={} promoted={} reason={}", version, outcome.promoted(),
                outcome.reason());
        return outcome;
    }

    private Outcome gate(ModelManifest candidate) throws IOException, ModelArtifactException {
        Optional<String> current = store.currentVersion();
        if (current.isEmpty()) {
            return new Outcome(candidate.version(), true, "no current version");
        }
        Double currentScore = store.readManifest(current.get()).metrics().get(GATE_METRIC);
        Double candidateScore = candidate.metrics().get(GATE_METRIC);
        if (candidateScore == null) {
            throw new IllegalArgumentException("the new manifest has no metric '" + GATE_METRIC + "' for the gate");
        }
        if (currentScore == null) {
            return new Outcome(candidate.version(), true, "current version " + current.get() + " has no " + GATE_METRIC);
        }
        double threshold = currentScore * (1 - tolerance);
        boolean passes = candidateScore >= threshold;
        String reason = String.format("%s %.5f %s threshold %.5f (current %s %.5f, tolerance %.3f)", GATE_METRIC,
                candidateScore, passes ? ">=" : "<", threshold, current.get(), currentScore, tolerance);
        return new Outcome(candidate.version(), passes, reason);
    }
}
