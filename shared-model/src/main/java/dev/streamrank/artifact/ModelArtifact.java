package dev.streamrank.artifact;

/**
 * A verified model version: every file matched its manifest sha256.
 *
 * @param manifest       the version's manifest
 * @param modelFp32      bytes of {@code model.onnx}
 * @param modelInt8      bytes of {@code model.int8.onnx}
 * @param vocabulary     itemId &harr; index
 * @param itemEmbeddings the item embedding matrix
 */
public record ModelArtifact(ModelManifest manifest, byte[] modelFp32, byte[] modelInt8, ItemVocabulary vocabulary,
        ItemEmbeddings itemEmbeddings) {
}
