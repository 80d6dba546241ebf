package dev.streamrank.training.data;

import dev.streamrank.event.EventTypes;
import dev.streamrank.event.Interaction;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.event.InvalidEventException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads the interaction log: JSON-lines files (optionally gzip-compressed, by a {@code .gz} suffix)
 * under a local directory or an S3 prefix, one event per line.
 *
 * <p>Files are read in lexicographic order of their path or key and lines in file order; that
 * order is the arrival order that breaks timestamp ties. Events of negative types (skip, dislike)
 * are not interactions the model should predict and are left out. A line that fails validation is
 * skipped, counted and logged with its file and line number; the log keeps it, so nothing is lost.
 */
public final class InteractionLogSource implements InteractionSource {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionLogSource.class);
    private static final int LOGGED_INVALID_LINES = 5;

    private final LogFiles files;
    private final InteractionParser parser;
    private final EventTypes types;
    private long invalidLines;

    private InteractionLogSource(LogFiles files, EventTypes types) {
        this.files = files;
        this.types = types;
        this.parser = new InteractionParser(types);
    }

    /** Reads every regular file below {@code directory}. */
    public static InteractionLogSource localDirectory(Path directory, EventTypes types) {
        return new InteractionLogSource(new LocalFiles(directory), types);
    }

    /** Reads every object under {@code prefix} in {@code bucket}. */
    public static InteractionLogSource s3(S3Client s3, String bucket, String prefix, EventTypes types) {
        return new InteractionLogSource(new S3Files(s3, bucket, prefix), types);
    }

    /** Returns how many lines the last {@link #read()} skipped as invalid. */
    public long invalidLines() {
        return invalidLines;
    }

    @Override
    public List<TimedItem> read() throws IOException {
        invalidLines = 0;
        List<TimedItem> items = new ArrayList<>();
        List<String> names = files.list();
        if (names.isEmpty()) {
            throw new IOException("no interaction log files found under " + files.describe()
                    + "; check the path or prefix (the preprocess function writes under log/)");
        }
        for (String name : names) {
            try (BufferedReader reader = reader(name)) {
                readFile(name, reader, items);
            }
        }
        if (invalidLines > 0) {
            LOG.warn("skipped invalid log lines: count={} source={}", invalidLines, files.describe());
        }
        return items;
    }

    private void readFile(String name, BufferedReader reader, List<TimedItem> items) throws IOException {
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Interaction event;
            try {
                event = parser.parse(line.getBytes(StandardCharsets.UTF_8));
            } catch (InvalidEventException e) {
                invalidLines++;
                if (invalidLines <= LOGGED_INVALID_LINES) {
                    LOG.warn("invalid log line skipped: file={} line={} field={} reason={}", name, lineNumber,
                            e.field(), e.getMessage());
                }
                continue;
            }
            if (types.isNegative(event.type())) {
                continue;
            }
            items.add(new TimedItem(event.userId(), event.itemId(), event.timestampMillis(), items.size()));
        }
    }

    private BufferedReader reader(String name) throws IOException {
        InputStream in = files.open(name);
        if (name.endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return files.describe();
    }

    /** The files of the log, by name. */
    private interface LogFiles {
        List<String> list() throws IOException;

        InputStream open(String name) throws IOException;

        String describe();
    }

    private record LocalFiles(Path directory) implements LogFiles {
        @Override
        public List<String> list() throws IOException {
            if (!Files.isDirectory(directory)) {
                throw new IOException("interaction log directory not found: " + directory);
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                return paths.filter(Files::isRegularFile)
                        .map(path -> directory.relativize(path).toString())
                        .filter(name -> !name.startsWith("."))
                        .sorted()
                        .toList();
            }
        }

        @Override
        public InputStream open(String name) throws IOException {
            return Files.newInputStream(directory.resolve(name));
        }

        @Override
        public String describe() {
            return directory.toString();
        }
    }

    private record S3Files(S3Client s3, String bucket, String prefix) implements LogFiles {
        @Override
        public List<String> list() {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            return s3.listObjectsV2Paginator(request).contents().stream()
                    .map(S3Object::key)
                    .filter(key -> !key.endsWith("/"))
                    .sorted()
                    .toList();
        }

        @Override
        public InputStream open(String name) {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(name).build());
        }

        @Override
        public String describe() {
            return "s3://" + bucket + "/" + prefix;
        }
    }
}
