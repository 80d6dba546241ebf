package dev.streamrank.local.demo;

import ai.djl.Device;
import dev.streamrank.artifact.ArtifactStorage;
import dev.streamrank.artifact.LocalArtifactStorage;
import dev.streamrank.artifact.ModelArtifactException;
import dev.streamrank.artifact.ModelManifest;
import dev.streamrank.artifact.ModelStore;
import dev.streamrank.artifact.S3ArtifactStorage;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.event.EventTypes;
import dev.streamrank.training.ProgressListener;
import dev.streamrank.training.TrainingJob;
import dev.streamrank.training.data.InteractionLogSource;
import dev.streamrank.training.model.LossKind;
import dev.streamrank.training.model.SasRecConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The demo's training step: trains a small transformer on the interaction log the preprocess
 * function wrote to S3, and publishes it under {@code models/} in the bucket as the batch job would.
 *
 * <p>A trained version is also kept in a local cache folder named after the replayed data, so a
 * second demo on the same data copies it into the fresh bucket instead of training again. The
 * cache is checked against its manifest's sha256 values before it is used; a damaged cache is
 * trained again.
 */
final class DemoTraining {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTraining.class);

    /**
     * The reduced configuration of the CI test: the reference model (d 50, 2 blocks, 1 head,
     * maxLen 200, dropout 0.2, BCE with one unseen negative) with batch 32, Adam 0.002 and 30 epochs.
     * Unlike the test it never stops early (patience 6 is more validations than 30 epochs hold):
     * validation NDCG@10 can dip over the first 20 epochs, and a demo run that stopped at epoch 20
     * scored below popularity.
     */
    static final SasRecConfig DEMO_CONFIG = new SasRecConfig(50, 2, 1, 200, 0.2f, 32, 0.002f, 30, 1, LossKind.BCE,
            6, 5, 42L);
    /** Relative NDCG@10 drop the publishing gate allows against the version in service. */
    private static final double GATE_TOLERANCE = 0.02;

    /**
     * The outcome.
     *
     * @param version the version now in service under {@code models/CURRENT}
     * @param reused  true when the version came from the local cache rather than from training
     * @param metrics evaluation figures of the version (HR@10 and NDCG@10, model and popularity)
     */
    record Result(String version, boolean reused, Map<String, Double> metrics) {
    }

    private DemoTraining() {
    }

    /**
     * Trains on the log, or reuses the cached version for {@code dataKey}, and publishes to the bucket.
     *
     * @param dataKey names the replayed data (file checksum and slice); versions are cached per key
     */
    static Result trainOrReuse(S3Client s3, StreamRankResources resources, EventTypes types, Path cacheRoot,
            String dataKey) throws Exception {
        // The configuration is part of the name, so a cached model of another configuration is
        // trained again rather than served.
        String version = "demo-" + dataKey + "-" + configKey(DEMO_CONFIG);
        LocalArtifactStorage cache = new LocalArtifactStorage(cacheRoot.resolve(dataKey));
        ArtifactStorage bucket = new S3ArtifactStorage(s3, resources.bucket(), StreamRankResources.MODELS_PREFIX);

        Optional<ModelManifest> cached = verifiedCache(cache, version);
        boolean reused = cached.isPresent();
        if (!reused) {
            train(s3, resources, types, cache, version);
        }
        ModelManifest manifest = reused ? cached.get() : new ModelStore(cache).readManifest(version);

        copyVersion(cache, bucket, version, manifest);
        // Reads the published version back through ModelStore, which checks every sha256.
        new ModelStore(bucket).load(version);
        return new Result(version, reused, metricsOf(manifest));
    }

    /** Returns eight hex digits of the SHA-256 of the configuration's record text. */
    static String configKey(SasRecConfig config) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(config.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Optional<ModelManifest> verifiedCache(ArtifactStorage cache, String version) throws IOException {
        ModelStore store = new ModelStore(cache);
        try {
            if (store.currentVersion().filter(version::equals).isEmpty()) {
                return Optional.empty();
            }
            store.load(version);
            return Optional.of(store.readManifest(version));
        } catch (ModelArtifactException e) {
            LOG.warn("cached model {} is unusable, training again: {}", version, e.getMessage());
            return Optional.empty();
        }
    }

    private static void train(S3Client s3, StreamRankResources resources, EventTypes types, ArtifactStorage cache,
            String version) throws Exception {
        // Nothing may be downloaded at run time: DJL uses the PyTorch library on the class path.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("java.awt.headless", "true");
        // One thread: on 2 shared cores two PyTorch threads wait on each other (see BENCHMARKS.md).
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }

        InteractionLogSource source = InteractionLogSource.s3(s3, resources.bucket(), StreamRankResources.LOG_PREFIX,
                types);
        try (ProgressListener progress = new ProgressListener()) {
            TrainingJob.run(new TrainingJob.Settings(source, DEMO_CONFIG, Device.cpu(), cache, version,
                    GATE_TOLERANCE), progress);
        }
    }

    /** Copies the files first, the manifest next and CURRENT last, as the publisher does. */
    private static void copyVersion(ArtifactStorage from, ArtifactStorage to, String version, ModelManifest manifest)
            throws IOException {
        for (String file : manifest.files().keySet()) {
            to.write(version + "/" + file, read(from, version + "/" + file));
        }
        to.write(version + "/" + ModelManifest.FILE_NAME, read(from, version + "/" + ModelManifest.FILE_NAME));
        to.write(ModelStore.CURRENT, version.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(ArtifactStorage storage, String key) throws IOException {
        return storage.read(key).orElseThrow(() -> new IOException(key + " is missing in " + storage.describe()));
    }

    private static Map<String, Double> metricsOf(ModelManifest manifest) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String key : new String[] {"hr10_full", "ndcg10_full", "hr10_full_popularity", "ndcg10_full_popularity",
                "int8_ndcg10_full"}) {
            Double value = manifest.metrics().get(key);
            if (value != null) {
                metrics.put(key, value);
            }
        }
        return metrics;
    }
}
