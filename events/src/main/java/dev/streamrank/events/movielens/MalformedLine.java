package dev.streamrank.events.movielens;

/**
 * A source line that could not be converted, with where it is and why.
 *
 * @param file   the file name or path as given to the reader
 * @param line   1-based line number; for a CSV record that spans lines, the line it starts on
 * @param reason what is wrong with the line and, where it helps, the expected form
 */
public record MalformedLine(String file, long line, String reason) {

    /** Formats as {@code file:line: reason}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
