package dev.streamrank.events.movielens;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Reads an RFC-4180 CSV file (quoted fields with commas, doubled quotes and line breaks; CRLF or LF)
 * with Jackson's CSV parser.
 *
 * <p>A broken quote leaves the parser unable to find the next record, so it ends the file with a
 * {@link MalformedLineException} whatever the policy.
 */
final class CsvRowReader implements RowReader {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final Path file;
    private final Reader reader;
    private final MappingIterator<String[]> rows;

    CsvRowReader(Path file, Charset charset) {
        this.file = file;
        try {
            this.reader = Files.newBufferedReader(file, charset);
            this.rows = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader);
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
        try {
            return rows.hasNextValue();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }

        // Once the previous record is consumed, the parser is at the start of the next one (after any
        // blank lines), so this is the line the record starts on.
        long line = rows.getParser().currentLocation().getLineNr();
        try {
            return new SourceRow(line, Arrays.asList(rows.nextValue()));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private MalformedLineException unreadable(IOException e) {
        long line = rows.getParser().currentLocation().getLineNr();
        String reason = "invalid CSV, cannot read further: " + e.getMessage().lines().findFirst().orElse("")
                + "; check the quoting of this record (a quote inside a field is written as two quotes)";
        return new MalformedLineException(new MalformedLine(fileName(), line, reason), e);
    }

    @Override
    public void close() {
        try {
            rows.close();
            reader.close();
        } catch (IOException e) {
            throw RowReader.readFailure(file, e);
        }
    }
}
