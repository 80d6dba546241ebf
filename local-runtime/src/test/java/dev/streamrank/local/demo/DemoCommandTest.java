package dev.streamrank.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo as README runs it, on a slice of MovieLens ml-latest-small. */
class DemoCommandTest {

    @Test
    void demoOnFiveUsersEndsWithCounts() throws Exception {
        Path release = movieLensSmall();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new DemoCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--data", release.toString(), "--once", "--users", "5");

        assertEquals(0, exit, err.toString());
        List<String> lines = out.toString().lines().toList();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        long sent = summary.get("sent").asLong();
        assertEquals(sent, summary.get("accepted").asLong() + summary.get("rejected").asLong()
                + summary.get("duplicates").asLong() + summary.get("failed").asLong(),
                "every record sent is accepted, rejected, a duplicate or failed: " + summary);
        assertEquals(1, summary.get("duplicates").asLong(), "the demo sends one live event twice");
        assertEquals(5, summary.get("users").asLong());
        assertTrue(summary.get("items").asLong() >= 9742, "the catalog is imported: " + summary);
        for (String phase : List.of("start", "import", "replay", "catch-up", "rank", "live")) {
            assertTrue(summary.get("seconds").has(phase), phase + " is timed: " + summary);
        }
        assertTrue(out.toString().contains("Top 10 for user"), out.toString());
        assertTrue(out.toString().contains(" before"), "the live change is shown side by side");
    }

    @Test
    void missingDataNamesPathAndSource() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new DemoCommand()).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((error, line, parsed) -> {
                    line.getErr().println(error.getMessage());
                    return 2;
                });

        int exit = command.execute("--data", "/no/such/movielens", "--once");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("/no/such/movielens"), err.toString());
        assertTrue(err.toString().contains("https://grouplens.org/datasets/movielens/"), err.toString());
    }

    private static Path movieLensSmall() {
        String root = System.getProperty("streamrank.data", System.getenv("STREAMRANK_DATA"));
        Path release = root == null ? null : Path.of(root, "ml-latest-small");
        assumeTrue(release != null && Files.isRegularFile(release.resolve("ratings.csv")),
                "MovieLens ml-latest-small not found under streamrank.data or STREAMRANK_DATA (" + root + ")");
        return release;
    }
}
