package dev.streamrank.artifact;

/**
 * The model file does not match the graph contract of {@link OnnxContract}: a wrong input or
 * output name, element type or shape. Raised at load time; the caller should keep serving the
 * previous model (or popularity) and fix the published artifact, since retrying cannot help.
 */
public final class ModelContractException extends Exception {

    public ModelContractException(String message) {
        super(message);
    }

    public ModelContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
