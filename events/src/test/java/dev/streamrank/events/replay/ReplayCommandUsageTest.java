package dev.streamrank.events.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Invalid command lines exit with 2 and a message naming the option and the fix, before any AWS call. */
class ReplayCommandUsageTest {

    static Stream<Arguments> invalidCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {}, "Missing required argument"),
                Arguments.of(new String[] {"--movielens", "a", "--events", "b"}, "mutually exclusive"),
                Arguments.of(new String[] {"--events", "x.jsonl", "--speed", "0"},
                        "--speed must be a positive factor (given 0.0); for example --speed 60"),
                Arguments.of(new String[] {"--events", "x.jsonl", "--rate", "-5"},
                        "--rate must be a positive number of records per second (given -5.0)"),
                Arguments.of(new String[] {"--events", "x.jsonl", "--limit", "-1"},
                        "--limit must not be negative (given -1); use --limit 1000"),
                Arguments.of(new String[] {"--events", "x.jsonl", "--max-attempts", "0"},
                        "--max-attempts must be at least 1 (given 0)"),
                Arguments.of(new String[] {"--events", "x.jsonl", "--catalog"},
                        "--catalog needs --movielens: an events file carries no catalog"),
                Arguments.of(new String[] {"--events", "x.jsonl", "--event-types", "share"},
                        "--event-types: invalid event type entry 'share': expected name:weight"),
                Arguments.of(new String[] {"--events", "x.jsonl", "--limit", "many"},
                        "Invalid value for option '--limit': 'many' is not a long"),
                Arguments.of(new String[] {"--movielens", "no-such-dir", "--endpoint", "http://127.0.0.1:9"},
                        "--movielens: MovieLens directory no-such-dir does not exist"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidCommandLines")
    void exitsWithUsageCodeNamingTheOption(String[] args, String message) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine command = ReplayCommand.commandLine(new ReplayCommand())
                .setErr(new PrintWriter(err)).setOut(new PrintWriter(out));

        int exitCode = command.execute(args);

        assertEquals(2, exitCode, err.toString());
        assertTrue(err.toString().contains(message), "stderr was: " + err);
        assertEquals("", out.toString(), "no summary for a usage error");
    }

    @Test
    void printsHelpWithExitZero() {
        StringWriter out = new StringWriter();
        CommandLine command = ReplayCommand.commandLine(new ReplayCommand()).setOut(new PrintWriter(out));

        int exitCode = command.execute("--help");

        assertEquals(0, exitCode);
        assertTrue(out.toString().contains("--movielens=DIR"), out.toString());
        assertTrue(out.toString().contains("--max-gap=SECONDS"), out.toString());
    }
}
