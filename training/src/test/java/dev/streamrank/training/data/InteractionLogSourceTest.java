package dev.streamrank.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamrank.event.EventTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionLogSourceTest {

    @TempDir
    Path log;

    @Test
    void logReadsInNameOrderSkippingBadLines() throws Exception {
        Files.createDirectories(log.resolve("2024/05"));
        Files.writeString(log.resolve("2024/05/02.jsonl"), """
                {"eventId":"e3","userId":"u1","itemId":"i3","type":"click","timestamp":"2024-05-02T00:00:00Z"}
                """);
        Files.writeString(log.resolve("2024/05/01.jsonl"), """
                {"eventId":"e1","userId":"u1","itemId":"i1","type":"rating","value":4.0,"timestamp":"2024-05-01T00:00:00Z"}
                {"eventId":"e2","userId":"u1","itemId":"i2","type":"skip","timestamp":"2024-05-01T00:01:00Z"}
                not json
                {"eventId":"e4","userId":"u1","itemId":"i4","type":"view","timestamp":"2024-05-01T00:00:00Z"}
                """);

        InteractionLogSource source = InteractionLogSource.localDirectory(log, EventTypes.defaults());
        List<TimedItem> items = source.read();

        assertEquals(List.of("i1", "i4", "i3"), items.stream().map(TimedItem::itemId).toList());
        assertEquals(List.of(0L, 1L, 2L), items.stream().map(TimedItem::arrival).toList());
        assertEquals(1, source.invalidLines());
    }
}
