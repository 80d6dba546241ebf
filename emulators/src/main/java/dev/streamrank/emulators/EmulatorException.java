package dev.streamrank.emulators;

/** Thrown when an emulator cannot be installed, started or reached. */
public final class EmulatorException extends RuntimeException {

    public EmulatorException(String message) {
        super(message);
    }

    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
