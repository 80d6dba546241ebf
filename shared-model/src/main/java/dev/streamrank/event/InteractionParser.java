package dev.streamrank.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and validates event JSON against the event contract.
 *
 * <p>Every failure is an {@link InvalidEventException} whose message names the field, the value
 * found and the rule broken, so the rejected store is readable without the code at hand.
 * Thread-safe.
 */
public final class InteractionParser {

    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_EVENT_ID_LENGTH = 256;
    public static final int MAX_IMPRESSIONS = 1000;
    public static final int MAX_CONTEXT_ENTRIES = 32;
    public static final int MAX_CONTEXT_VALUE_LENGTH = 256;

    /**
     * Numeric timestamps below this are taken as epoch seconds: 1e11 ms is March 1973, while 1e11
     * seconds is the year 5138, so the two ranges do not overlap for real data.
     */
    static final long EPOCH_SECONDS_LIMIT = 100_000_000_000L;

    private static final Set<String> FIELDS = Set.of("eventId", "userId", "itemId", "type", "value",
            "timestamp", "sessionId", "context", "impressions");
    private static final Logger LOG = LoggerFactory.getLogger(InteractionParser.class);
    private static final AtomicBoolean SECONDS_CONVERSION_LOGGED = new AtomicBoolean();

    private final EventTypes types;

    public InteractionParser(EventTypes types) {
        this.types = types;
    }

    /** Parses one UTF-8 JSON object. */
    public Interaction parse(byte[] json) throws InvalidEventException {
        JsonNode node;
        try {
            node = EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("(record)", "record is not valid JSON: "
                    + e.getOriginalMessage() + "; send one UTF-8 JSON object per record", e);
        } catch (IOException e) {
            throw new InvalidEventException("(record)", "record could not be read: " + e.getMessage(), e);
        }
        return parse(node);
    }

    /** Validates an already decoded JSON value. */
    public Interaction parse(JsonNode node) throws InvalidEventException {
        if (node == null || !node.isObject()) {
            String found = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
            throw new InvalidEventException("(record)", "record must be a JSON object, found " + found);
        }
        rejectUnknownFields(node);

        String eventId = requiredId(node, "eventId", MAX_EVENT_ID_LENGTH);
        String userId = requiredId(node, "userId", MAX_ID_LENGTH);
        String itemId = requiredId(node, "itemId", MAX_ID_LENGTH);
        String type = type(node);
        Double value = value(node, type);
        Instant timestamp = timestamp(node);
        String sessionId = optionalId(node, "sessionId", MAX_ID_LENGTH);
        Map<String, String> context = context(node);
        List<String> impressions = impressions(node);

        return new Interaction(eventId, userId, itemId, type, value, timestamp, sessionId, context, impressions);
    }

    private static void rejectUnknownFields(JsonNode node) throws InvalidEventException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidEventException(name, "unknown field '" + name + "'; allowed fields: "
                        + "eventId, userId, itemId, type, value, timestamp, sessionId, context, impressions");
            }
        }
    }

    private static String requiredId(JsonNode node, String field, int maxLength) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(field, "missing required field '" + field + "'");
        }
        return checkId(field, value, maxLength);
    }

    private static String optionalId(JsonNode node, String field, int maxLength) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return checkId(field, value, maxLength);
    }

    private static String checkId(String field, JsonNode value, int maxLength) throws InvalidEventException {
        if (!value.isTextual()) {
            throw new InvalidEventException(field, "'" + field + "' must be a string, found "
                    + value.getNodeType().name().toLowerCase() + " " + abbreviate(value.toString()));
        }
        String text = value.textValue();
        // Characters are code points, as JSON Schema's maxLength counts them, so an emoji counts once.
        int length = text.codePointCount(0, text.length());
        if (length == 0 || length > maxLength) {
            throw new InvalidEventException(field, "'" + field + "' must be 1-" + maxLength
                    + " characters, found " + length + " (" + abbreviate(text) + ")");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidEventException(field, "'" + field + "' must not contain control characters, found "
                        + abbreviate(value.toString()));
            }
        }
        return text;
    }

    private String type(JsonNode node) throws InvalidEventException {
        JsonNode value = node.get("type");
        if (value == null || value.isNull()) {
            throw new InvalidEventException("type", "missing required field 'type'; known types: " + types.names());
        }
        if (!value.isTextual()) {
            throw new InvalidEventException("type", "'type' must be a string, found " + abbreviate(value.toString()));
        }
        String type = value.textValue();
        if (!types.contains(type)) {
            throw new InvalidEventException("type", "unknown event type '" + abbreviate(type) + "'; known types: "
                    + types.names() + " (register more with STREAMRANK_EVENT_TYPES, for example share:2.5)");
        }
        return type;
    }

    private static Double value(JsonNode node, String type) throws InvalidEventException {
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            if (EventType.RATING.wireName().equals(type)) {
                throw new InvalidEventException("value", "a 'rating' event needs a numeric 'value' (the rating)");
            }
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidEventException("value", "'value' must be a number, found " + abbreviate(value.toString()));
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            // Only an overflow gets here (1e400 reads as Infinity): standard JSON has no NaN or Infinity.
            throw new InvalidEventException("value", "'value' must be finite, found " + number
                    + "; send a number within the range of a 64-bit double");
        }
        return number;
    }

    private static Instant timestamp(JsonNode node) throws InvalidEventException {
        JsonNode value = node.get("timestamp");
        if (value == null || value.isNull()) {
            throw new InvalidEventException("timestamp", "missing required field 'timestamp'; "
                    + "use an ISO-8601 instant such as 2024-05-01T12:00:00Z or epoch milliseconds");
        }

        if (value.isTextual()) {
            try {
                return Instant.parse(value.textValue());
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("timestamp", "'timestamp' " + abbreviate(value.toString())
                        + " is not an ISO-8601 instant; use a form such as 2024-05-01T12:00:00Z", e);
            }
        }

        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long number = value.longValue();
            if (number < 0) {
                throw new InvalidEventException("timestamp", "'timestamp' must not be negative, found " + number);
            }
            if (number < EPOCH_SECONDS_LIMIT) {
                if (SECONDS_CONVERSION_LOGGED.compareAndSet(false, true)) {
                    LOG.info("numeric timestamps below {} are read as epoch seconds and converted to milliseconds"
                            + " (first seen: {})", EPOCH_SECONDS_LIMIT, number);
                }
                return Instant.ofEpochSecond(number);
            }
            return Instant.ofEpochMilli(number);
        }

        throw new InvalidEventException("timestamp", "'timestamp' must be an ISO-8601 string or integer epoch"
                + " milliseconds, found " + abbreviate(value.toString()));
    }

    private static Map<String, String> context(JsonNode node) throws InvalidEventException {
        JsonNode value = node.get("context");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new InvalidEventException("context", "'context' must be an object of strings, found "
                    + abbreviate(value.toString()));
        }
        if (value.size() > MAX_CONTEXT_ENTRIES) {
            throw new InvalidEventException("context", "'context' may hold at most " + MAX_CONTEXT_ENTRIES
                    + " entries, found " + value.size());
        }

        Map<String, String> context = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode entryValue = entry.getValue();
            if (!entryValue.isTextual()) {
                throw new InvalidEventException("context", "'context." + abbreviate(entry.getKey())
                        + "' must be a string (context is a flat map), found " + abbreviate(entryValue.toString()));
            }
            String text = entryValue.textValue();
            int length = text.codePointCount(0, text.length());
            if (length > MAX_CONTEXT_VALUE_LENGTH) {
                throw new InvalidEventException("context", "'context." + abbreviate(entry.getKey())
                        + "' must be at most " + MAX_CONTEXT_VALUE_LENGTH + " characters, found " + length);
            }
            context.put(entry.getKey(), entryValue.textValue());
        }
        return context;
    }

    private static List<String> impressions(JsonNode node) throws InvalidEventException {
        JsonNode value = node.get("impressions");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidEventException("impressions", "'impressions' must be an array of item ids, found "
                    + abbreviate(value.toString()));
        }
        if (value.size() > MAX_IMPRESSIONS) {
            throw new InvalidEventException("impressions", "'impressions' may hold at most " + MAX_IMPRESSIONS
                    + " item ids, found " + value.size());
        }

        List<String> impressions = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            impressions.add(checkId("impressions[" + i + "]", value.get(i), MAX_ID_LENGTH));
        }
        return impressions;
    }

    /** Shortens long values in messages; the rejected store keeps the raw record anyway. */
    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
