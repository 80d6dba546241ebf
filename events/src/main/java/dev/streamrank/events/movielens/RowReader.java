package dev.streamrank.events.movielens;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads a source file one record at a time, in file order, without loading it into memory.
 * Blank lines are not records and are passed over. Not thread-safe; the caller closes it.
 */
interface RowReader extends Iterator<SourceRow>, Closeable {

    /** The file name used in {@link MalformedLine}s. */
    String fileName();

    @Override
    void close();

    static String displayName(Path file) {
        return file.toString();
    }

    static UncheckedIOException readFailure(Path file, IOException e) {
        return new UncheckedIOException("failed to read " + file + ": " + e.getMessage(), e);
    }
}
