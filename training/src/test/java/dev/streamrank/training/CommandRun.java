package dev.streamrank.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of {@code streamrank-train} through picocli, with stdout and stderr captured.
 *
 * @param exitCode the command's exit code
 * @param stdout   everything printed to stdout
 * @param stderr   everything printed to stderr
 */
record CommandRun(int exitCode, String stdout, String stderr) {

    static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exitCode = TrainCommand.commandLine(outStream, errStream, false).execute(args);
            return new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Returns the JSON summary: stdout must be exactly one line of JSON. */
    JsonNode summary() throws IOException {
        String[] lines = stdout.strip().split("\n");
        if (lines.length != 1 || lines[0].isBlank()) {
            throw new AssertionError("expected one JSON line on stdout, found " + lines.length + " lines: " + stdout
                    + "\nstderr: " + stderr);
        }
        return EventJson.MAPPER.readTree(lines[0]);
    }

    /** Returns this run after checking that it succeeded, with its output in the failure message. */
    CommandRun succeeded() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        return this;
    }
}
