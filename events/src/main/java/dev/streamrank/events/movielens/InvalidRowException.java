package dev.streamrank.events.movielens;

/** A row that cannot be converted; the message is the reason that goes into {@link MalformedLine}. */
final class InvalidRowException extends Exception {

    InvalidRowException(String reason) {
        super(reason, null, false, false);
    }
}
