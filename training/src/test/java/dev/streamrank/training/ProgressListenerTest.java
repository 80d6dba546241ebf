package dev.streamrank.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.training.model.EpochReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** On a stderr that is not a terminal, every validation shows as a plain line. */
class ProgressListenerTest {

    @Test
    void nonTerminalPrintsValidationLines() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        try (ProgressListener listener = new ProgressListener(err, false)) {
            listener.onStart(2, 3);
            listener.onBatch(1, 0.9);
            listener.onEpoch(new EpochReport(1, 0.9, 2.0, 300, Double.NaN, Double.NaN));
            listener.onEpoch(new EpochReport(2, 0.8, 2.0, 300, 0.0312, 0.0656));
        }

        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, "a start line and one line for the validated epoch");
        assertTrue(lines[1].contains("epoch 2"), lines[1]);
        assertTrue(lines[1].contains("val NDCG@10 0.0312 HR@10 0.0656"), lines[1]);
        assertTrue(!lines[1].contains("\r"), "no carriage returns");
    }
}
