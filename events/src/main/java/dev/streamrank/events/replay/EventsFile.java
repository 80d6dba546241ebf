package dev.streamrank.events.replay;

import dev.streamrank.event.Interaction;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.event.InvalidEventException;
import dev.streamrank.events.movielens.MalformedLine;
import dev.streamrank.events.movielens.MalformedLineReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a JSON-lines events file: one event object per line, UTF-8, blank lines ignored. Each line is
 * validated with {@link InteractionParser}; a line that fails goes to the {@link MalformedLineReport}
 * with the field and rule broken.
 */
public final class EventsFile {

    private EventsFile() {
    }

    /**
     * Streams the events of a file ({@link ReplayOptions#STDIN} for standard input) in file order.
     * Close the stream when done; closing it does not close standard input.
     */
    public static Stream<Interaction> read(Path file, InteractionParser parser, MalformedLineReport report) {
        try {
            if (file.equals(ReplayOptions.STDIN)) {
                return read("(stdin)", unclosable(System.in), parser, report);
            }
            return read(file.toString(), Files.newInputStream(file), parser, report);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to open events file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Streams events from an open input; the name is used in malformed-line reports. */
    public static Stream<Interaction> read(String name, InputStream input, InteractionParser parser,
            MalformedLineReport report) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        Iterator<Interaction> events = new Lines(name, reader, parser, report);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> close(name, reader));
    }

    private static final class Lines implements Iterator<Interaction> {

        private final String name;
        private final BufferedReader reader;
        private final InteractionParser parser;
        private final MalformedLineReport report;
        private long lineNumber;
        private Interaction next;
        private boolean done;

        Lines(String name, BufferedReader reader, InteractionParser parser, MalformedLineReport report) {
            this.name = name;
            this.reader = reader;
            this.parser = parser;
            this.report = report;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                String line = readLine();
                if (line == null) {
                    done = true;
                } else if (!line.isBlank()) {
                    parse(line);
                }
            }
            return next != null;
        }

        @Override
        public Interaction next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Interaction event = next;
            next = null;
            return event;
        }

        private String readLine() {
            try {
                String line = reader.readLine();
                lineNumber++;
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("failed to read " + name + " after line " + lineNumber + ": "
                        + e.getMessage(), e);
            }
        }

        private void parse(String line) {
            try {
                next = parser.parse(line.getBytes(StandardCharsets.UTF_8));
            } catch (InvalidEventException e) {
                report.report(new MalformedLine(name, lineNumber, e.field() + ": " + e.getMessage()));
            }
        }
    }

    private static InputStream unclosable(InputStream input) {
        return new java.io.FilterInputStream(input) {
            @Override
            public void close() {
                // Standard input belongs to the process, not to this reader.
            }
        };
    }

    private static void close(String name, BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to close " + name + ": " + e.getMessage(), e);
        }
    }
}
