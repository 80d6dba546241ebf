package dev.streamrank.events.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrank.event.EventJson;
import dev.streamrank.events.movielens.MalformedLine;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The outcome of one replay, printed by the CLI as one JSON line.
 *
 * @param stream           the stream written to, or null for a catalog import alone
 * @param sent             records written to the stream
 * @param retried          record sends repeated after partial or whole-call failures
 * @param failed           records not written (too large, or still failing after the last attempt)
 * @param malformedLines   input lines that could not be read as events (and catalog lines, when imported)
 * @param catalogItems     catalog items written to the items table, 0 when no import was asked for
 * @param catalogFailed    catalog items that could not be written
 * @param seconds          wall-clock duration
 * @param failures         the first failed records with their reasons, at most {@link #MAX_SAMPLES}
 * @param malformedSamples the first malformed lines, at most {@link #MAX_SAMPLES}
 * @param error            why the replay stopped early, or null when it ran to the end
 */
public record ReplaySummary(
        String stream,
        long sent,
        long retried,
        long failed,
        long malformedLines,
        long catalogItems,
        long catalogFailed,
        double seconds,
        List<FailedRecord> failures,
        List<MalformedLine> malformedSamples,
        String error) {

    public static final int MAX_SAMPLES = 100;

    public ReplaySummary {
        failures = List.copyOf(failures);
        malformedSamples = List.copyOf(malformedSamples);
    }

    /** Records written per second of wall-clock time; 0 for an empty or instant run. */
    public double recordsPerSecond() {
        return seconds > 0 ? sent / seconds : 0;
    }

    /** True when everything was read and written: nothing failed, nothing malformed, no early stop. */
    public boolean succeeded() {
        return failed == 0 && malformedLines == 0 && catalogFailed == 0 && error == null;
    }

    /** Formats the summary as one line of JSON, without a line break. */
    public String toJsonLine() {
        ObjectNode node = EventJson.MAPPER.createObjectNode();
        if (stream != null) {
            node.put("stream", stream);
        }
        node.put("sent", sent);
        node.put("retried", retried);
        node.put("failed", failed);
        node.put("malformedLines", malformedLines);
        node.put("catalogItems", catalogItems);
        node.put("catalogFailed", catalogFailed);
        node.put("seconds", Math.round(seconds * 1000) / 1000.0);
        node.put("recordsPerSecond", Math.round(recordsPerSecond() * 10) / 10.0);
        node.put("succeeded", succeeded());
        ArrayNode failureNodes = node.putArray("failures");
        failures.forEach(failure -> failureNodes.addObject().put("id", failure.id()).put("reason", failure.reason()));
        ArrayNode malformedNodes = node.putArray("malformed");
        malformedSamples.forEach(line -> malformedNodes.addObject()
                .put("file", line.file()).put("line", line.line()).put("reason", line.reason()));
        if (error != null) {
            node.put("error", error);
        }
        try {
            return EventJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
