package dev.streamrank.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shared Jackson configuration and the wire form of an {@link Interaction}. */
public final class EventJson {

    /** Thread-safe once configured; share it instead of creating mappers per call. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    /** Writes the event in its canonical wire form (ISO-8601 timestamp, absent fields omitted). */
    public static ObjectNode toJson(Interaction event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", event.eventId());
        node.put("userId", event.userId());
        node.put("itemId", event.itemId());
        node.put("type", event.type());
        if (event.value() != null) {
            node.put("value", event.value());
        }
        node.put("timestamp", event.timestamp().toString());
        if (event.sessionId() != null) {
            node.put("sessionId", event.sessionId());
        }
        if (!event.context().isEmpty()) {
            ObjectNode context = node.putObject("context");
            event.context().forEach(context::put);
        }
        if (!event.impressions().isEmpty()) {
            ArrayNode impressions = node.putArray("impressions");
            event.impressions().forEach(impressions::add);
        }
        return node;
    }

    public static byte[] toBytes(Interaction event) {
        try {
            return MAPPER.writeValueAsBytes(toJson(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toLine(Interaction event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }
}
