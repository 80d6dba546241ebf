package dev.streamrank.events.movielens;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * Reads a file of one record per line with a literal separator and no quoting: the {@code ::} files
 * of ml-1m and the tab and pipe files of ml-100k. LF and CRLF line ends both work.
 */
final class DelimitedRowReader implements RowReader {

    private final Path file;
    private final BufferedReader reader;
    private final Pattern separator;
    private long lineNumber;
    private SourceRow next;

    DelimitedRowReader(Path file, Charset charset, String separator) {
        this.file = file;
        this.separator = Pattern.compile(Pattern.quote(separator));
        try {
            this.reader = Files.newBufferedReader(file, charset);
        } catch (IOException e) {
            throw RowReader.readFailure(file, e);
        }
    }

    @Override
    public String fileName() {
        return RowReader.displayName(file);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            String line;
            do {
                line = reader.readLine();
                lineNumber++;
            } while (line != null && line.isBlank());
            if (line == null) {
                return false;
            }
            // Limit -1 keeps trailing empty fields, so a short line is reported instead of padded.
            next = new SourceRow(lineNumber, Arrays.asList(separator.split(line, -1)));
            return true;
        } catch (IOException e) {
            throw RowReader.readFailure(file, e);
        }
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRow row = next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw RowReader.readFailure(file, e);
        }
    }
}
