package dev.streamrank.events.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.event.EventTypes;
import dev.streamrank.event.Interaction;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.events.movielens.MalformedLine;
import dev.streamrank.events.movielens.MalformedLineException;
import dev.streamrank.events.movielens.MalformedLinePolicy;
import dev.streamrank.events.movielens.MalformedLineReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventsFileTest {

    private static final String LINES = String.join("\n",
            "{\"eventId\":\"e-1\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"click\",\"timestamp\":1714564800000}",
            "",
            "{\"eventId\":\"e-2\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"like\",\"timestamp\":1714564800000}",
            "   ",
            "{\"eventId\":\"e-3\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"share\",\"timestamp\":1714564800000}\r",
            "{\"eventId\":\"e-4\",\"userId\":\"ü\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":\"2024-05-01T12:00:00Z\"}");

    @Test
    void skipsBlankLinesAndReportsLineNumbers() {
        MalformedLineReport report = new MalformedLineReport(MalformedLinePolicy.SKIP_AND_REPORT);

        List<Interaction> events = read(LINES, EventTypes.defaults(), report);

        assertEquals(List.of("e-1", "e-4"), events.stream().map(Interaction::eventId).toList());
        assertEquals("ü", events.get(1).userId(), "UTF-8");
        assertEquals(2, report.count());
        MalformedLine first = report.samples().get(0);
        assertEquals("(stdin)", first.file());
        assertEquals(3, first.line());
        assertTrue(first.reason().startsWith("type: unknown event type 'like'"), first.reason());
        assertEquals(5, report.samples().get(1).line());
    }

    @Test
    void acceptsRegisteredExtraTypes() {
        MalformedLineReport report = new MalformedLineReport(MalformedLinePolicy.SKIP_AND_REPORT);

        List<Interaction> events = read(LINES, EventTypes.parse("share:2.5"), report);

        assertEquals(List.of("e-1", "e-3", "e-4"), events.stream().map(Interaction::eventId).toList());
        assertEquals(1, report.count());
    }

    @Test
    void stopsAtFirstBadLineWhenFailingFast() {
        MalformedLineReport report = new MalformedLineReport(MalformedLinePolicy.FAIL_FAST);

        MalformedLineException error = assertThrows(MalformedLineException.class,
                () -> read(LINES, EventTypes.defaults(), report));

        assertTrue(error.getMessage().startsWith("(stdin):3: type: unknown event type 'like'"), error.getMessage());
        assertEquals(List.of(error.malformedLine()), report.samples());
    }

    private static List<Interaction> read(String text, EventTypes types, MalformedLineReport report) {
        ByteArrayInputStream input = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        try (Stream<Interaction> events = EventsFile.read("(stdin)", input, new InteractionParser(types), report)) {
            return events.toList();
        }
    }
}
