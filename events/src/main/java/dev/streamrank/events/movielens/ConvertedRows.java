package dev.streamrank.events.movielens;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns the rows of one file into values, handing rows that fail conversion to the
 * {@link MalformedLineReport}. The header row, when the format has one, is checked and not converted.
 */
final class ConvertedRows<T> implements Iterator<T> {

    /** Converts one row, or explains why it cannot. */
    @FunctionalInterface
    interface Converter<T> {
        T convert(SourceRow row) throws InvalidRowException;
    }

    private final RowReader rows;
    private final List<String> header;
    private final Converter<T> converter;
    private final MalformedLineReport report;
    private boolean headerChecked;
    private T next;

    /**
     * @param header the expected header columns, or null when the format has no header row
     */
    private ConvertedRows(RowReader rows, List<String> header, Converter<T> converter, MalformedLineReport report) {
        this.rows = rows;
        this.header = header;
        this.converter = converter;
        this.report = report;
        this.headerChecked = header == null;
    }

    /** Returns the converted rows as a sequential stream in file order; closing it closes the file. */
    static <T> Stream<T> stream(RowReader rows, List<String> header, Converter<T> converter,
            MalformedLineReport report) {
        ConvertedRows<T> iterator = new ConvertedRows<>(rows, header, converter, report);
        Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(rows::close);
    }

    @Override
    public boolean hasNext() {
        while (next == null && rows.hasNext()) {
            SourceRow row = rows.next();
            if (!headerChecked) {
                headerChecked = true;
                checkHeader(row);
                continue;
            }
            try {
                next = converter.convert(row);
            } catch (InvalidRowException e) {
                report.report(new MalformedLine(rows.fileName(), row.line(), e.getMessage()));
            }
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T value = next;
        next = null;
        return value;
    }

    /** Reports a wrong header. The rows after it are still read in the standard column order. */
    private void checkHeader(SourceRow row) {
        if (!row.fields().equals(header)) {
            report.report(new MalformedLine(rows.fileName(), row.line(), "header row is "
                    + String.join(",", row.fields()) + ", expected " + String.join(",", header)));
        }
    }
}
