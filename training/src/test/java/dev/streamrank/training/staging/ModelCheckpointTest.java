package dev.streamrank.training.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.EventJson;
import dev.streamrank.training.model.LossKind;
import dev.streamrank.training.model.SasRecConfig;
import dev.streamrank.training.model.SasRecNetwork;
import dev.streamrank.training.model.SasRecWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checkpoints round-trip bit for bit and reject files that do not belong together. */
class ModelCheckpointTest {

    private static final SasRecConfig CONFIG = new SasRecConfig(4, 1, 2, 6, 0.1f, 8, 0.01f, 3, 2, LossKind.GBCE, 2,
            1, 9L);
    private static final int ITEMS = 5;

    @Test
    void roundTripKeepsEveryBit() throws Exception {
        SasRecWeights weights = weights(ITEMS + 1);

        Map<String, byte[]> files = ModelCheckpoint.encode(weights);
        ModelCheckpoint.Metadata metadata = ModelCheckpoint.parseMetadata(files.get(ModelCheckpoint.METADATA), "test");
        SasRecWeights decoded = ModelCheckpoint.decode(metadata, files.get(ModelCheckpoint.WEIGHTS), "test");

        assertEquals(CONFIG, decoded.config());
        assertEquals(ITEMS, decoded.itemCount());
        assertEquals(weights.tensors().keySet(), decoded.tensors().keySet());
        for (String name : weights.tensors().keySet()) {
            assertArrayEquals(weights.tensor(name).shape(), decoded.tensor(name).shape(), name);
            assertArrayEquals(weights.tensor(name).values(), decoded.tensor(name).values(), name);
        }
    }

    @Test
    void weightsFileWrittenFirst() throws Exception {
        Map<String, byte[]> files = ModelCheckpoint.encode(weights(ITEMS + 1));

        assertEquals(java.util.List.of(ModelCheckpoint.WEIGHTS, ModelCheckpoint.METADATA),
                java.util.List.copyOf(files.keySet()), "the metadata names a complete weights file");
    }

    @Test
    void changedWeightsFileIsRejected() throws Exception {
        Map<String, byte[]> files = ModelCheckpoint.encode(weights(ITEMS + 1));
        byte[] changed = files.get(ModelCheckpoint.WEIGHTS).clone();
        changed[0] ^= 1;
        ModelCheckpoint.Metadata metadata = ModelCheckpoint.parseMetadata(files.get(ModelCheckpoint.METADATA), "test");

        StagingDirectoryException error = assertThrows(StagingDirectoryException.class,
                () -> ModelCheckpoint.decode(metadata, changed, "/models/run"));

        assertTrue(error.getMessage().contains("weights.f32"), error.getMessage());
        assertTrue(error.getMessage().contains("train again"), error.getMessage());
    }

    @Test
    void itemEmbeddingOfOtherItemCountIsRejected() throws Exception {
        Map<String, byte[]> files = ModelCheckpoint.encode(weights(ITEMS + 3));
        ModelCheckpoint.Metadata metadata = ModelCheckpoint.parseMetadata(files.get(ModelCheckpoint.METADATA), "test");

        StagingDirectoryException error = assertThrows(StagingDirectoryException.class,
                () -> ModelCheckpoint.decode(metadata, files.get(ModelCheckpoint.WEIGHTS), "/models/run"));

        assertTrue(error.getMessage().contains("expected [6, 4] for itemCount 5"), error.getMessage());
    }

    @Test
    void invalidConfigIsRejectedWithItsReason() throws Exception {
        Map<String, byte[]> files = ModelCheckpoint.encode(weights(ITEMS + 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = EventJson.MAPPER.readValue(files.get(ModelCheckpoint.METADATA), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) json.get("config");
        config.put("heads", 3);

        StagingDirectoryException error = assertThrows(StagingDirectoryException.class,
                () -> ModelCheckpoint.parseMetadata(EventJson.MAPPER.writeValueAsBytes(json), "/models/run/checkpoint.json"));

        assertTrue(error.getMessage().startsWith("/models/run/checkpoint.json is not a valid checkpoint"),
                error.getMessage());
        assertTrue(error.getMessage().contains("heads must divide embeddingSize"), error.getMessage());
    }

    /** Seeded weights with an item embedding of {@code rows} rows and one more tensor. */
    private static SasRecWeights weights(int rows) {
        SplittableRandom random = new SplittableRandom(3L);
        Map<String, SasRecWeights.Tensor> tensors = new LinkedHashMap<>();
        tensors.put(SasRecNetwork.ITEM_EMBEDDING, tensor(random, rows, CONFIG.embeddingSize()));
        tensors.put(SasRecNetwork.POSITION_EMBEDDING, tensor(random, CONFIG.maxLen(), CONFIG.embeddingSize()));
        return SasRecWeights.of(CONFIG, ITEMS, tensors);
    }

    private static SasRecWeights.Tensor tensor(SplittableRandom random, int rows, int columns) {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        values[0] = Float.MIN_VALUE;
        values[1] = -0.0f;
        return new SasRecWeights.Tensor(new long[] {rows, columns}, values);
    }
}
