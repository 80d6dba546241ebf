package dev.streamrank.events.movielens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between UTF-8 and ISO-8859-1 for a catalog file. The CSV releases are UTF-8, while the
 * {@code movies.dat} of ml-1m and the {@code u.item} of ml-100k are ISO-8859-1 as GroupLens
 * distributes them; any byte sequence is valid ISO-8859-1, so a file that is not valid UTF-8 is read
 * as ISO-8859-1.
 */
final class TextEncoding {

    private static final Logger LOG = LoggerFactory.getLogger(TextEncoding.class);

    private TextEncoding() {
    }

    /** Decodes the whole file once, streaming, and returns UTF-8 if that succeeds. */
    static Charset detect(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);

        try (InputStream stream = Files.newInputStream(file)) {
            int read;
            while ((read = stream.read(in.array(), in.position(), in.remaining())) >= 0) {
                in.position(in.position() + read);
                in.flip();
                if (decodeFailed(decoder.decode(in, out, false), file)) {
                    return StandardCharsets.ISO_8859_1;
                }
                out.clear();
                in.compact();
            }
            in.flip();
            if (decodeFailed(decoder.decode(in, out, true), file) || in.hasRemaining()) {
                return StandardCharsets.ISO_8859_1;
            }
            return StandardCharsets.UTF_8;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean decodeFailed(CoderResult result, Path file) {
        if (result.isError()) {
            LOG.info("reading file={} as ISO-8859-1 because it is not valid UTF-8", file);
            return true;
        }
        return false;
    }
}
