package dev.streamrank.event;

/**
 * Thrown when an event breaks the event contract. Not retryable: the record goes to the rejected
 * store with {@link #getMessage()} as its reason.
 */
public final class InvalidEventException extends Exception {

    private final String field;

    public InvalidEventException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidEventException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** Returns the offending field, or {@code "(record)"} when the record as a whole is unreadable. */
    public String field() {
        return field;
    }
}
