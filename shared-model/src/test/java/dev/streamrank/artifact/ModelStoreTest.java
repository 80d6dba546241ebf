package dev.streamrank.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading published versions: whole and verified, or rejected with the reason. */
class ModelStoreTest {

    @TempDir
    Path root;

    private LocalArtifactStorage storage;
    private ModelStore store;

    @BeforeEach
    void publishVersion() throws Exception {
        storage = new LocalArtifactStorage(root);
        store = new ModelStore(storage);

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelManifest.MODEL_FP32, "fp32 model bytes".getBytes(StandardCharsets.UTF_8));
        files.put(ModelManifest.MODEL_INT8, "int8 model bytes".getBytes(StandardCharsets.UTF_8));
        files.put(ModelManifest.VOCABULARY, new ItemVocabulary(List.of("m1", "m2")).toJson());
        files.put(ModelManifest.ITEM_EMBEDDINGS, new ItemEmbeddings(3, 2, new float[] {0, 0, 1, 2, 3, 4}).toBytes());
        Map<String, ModelManifest.FileEntry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            storage.write("v1/" + file.getKey(), file.getValue());
            entries.put(file.getKey(), new ModelManifest.FileEntry(ModelStore.sha256(file.getValue()),
                    file.getValue().length));
        }
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, "v1", "2025-01-01T00:00:00Z",
                new ModelManifest.Dimensions(2, 5, 2), Map.of("blocks", 1),
                new ModelManifest.DataRange("test", "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", 10, 2),
                Map.of("ndcg10_full", 0.05), entries,
                new ModelManifest.MatrixLayout(ModelManifest.ITEM_EMBEDDINGS, List.of(3, 2), "float32", "little-endian"));
        storage.write("v1/" + ModelManifest.FILE_NAME, EventJson.MAPPER.writeValueAsBytes(manifest));
        storage.write(ModelStore.CURRENT, "v1\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loadsCurrentVersionWhole() throws Exception {
        ModelArtifact artifact = store.loadCurrent();

        assertEquals("v1", artifact.manifest().version());
        assertEquals(2, artifact.vocabulary().indexOf("m2").getAsInt());
        assertEquals("m1", artifact.vocabulary().itemId(1));
        assertArrayEquals(new float[] {3, 4}, artifact.itemEmbeddings().row(2));
    }

    @Test
    void rejectsTamperedFile() throws Exception {
        Files.writeString(root.resolve("v1/" + ModelManifest.MODEL_INT8), "int8 model bytes, changed");

        ModelArtifactException error = assertThrows(ModelArtifactException.class, store::loadCurrent);

        assertTrue(error.getMessage().contains("sha256 of model.int8.onnx"), error.getMessage());
    }

    @Test
    void rejectsVersionWithoutManifest() throws Exception {
        Files.delete(root.resolve("v1/" + ModelManifest.FILE_NAME));

        ModelArtifactException error = assertThrows(ModelArtifactException.class, store::loadCurrent);

        assertTrue(error.getMessage().contains("half-written"), error.getMessage());
    }

    @Test
    void reportsMissingCurrent() throws Exception {
        Files.delete(root.resolve(ModelStore.CURRENT));

        assertTrue(store.currentVersion().isEmpty());
        assertThrows(ModelArtifactException.class, store::loadCurrent);
    }
}
