package dev.streamrank.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InteractionParserTest {

    private static final String VALID = """
            {"eventId":"e-1","userId":"u-1","itemId":"i-1","type":"click","timestamp":"2024-05-01T12:00:00Z"}""";

    private final InteractionParser parser = new InteractionParser(EventTypes.defaults());

    @Test
    void parsesEventWithEveryField() throws InvalidEventException {
        Interaction event = parse("""
                {"eventId":"e-1","userId":"u-1","itemId":"i-1","type":"rating","value":4.5,
                 "timestamp":"2024-05-01T12:00:00Z","sessionId":"s-1",
                 "context":{"device":"tv","locale":"de-DE"},"impressions":["i-2","i-3"]}""");

        assertEquals("e-1", event.eventId());
        assertEquals("u-1", event.userId());
        assertEquals("i-1", event.itemId());
        assertEquals("rating", event.type());
        assertEquals(4.5, event.value());
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), event.timestamp());
        assertEquals("s-1", event.sessionId());
        assertEquals(Map.of("device", "tv", "locale", "de-DE"), event.context());
        assertEquals(List.of("i-2", "i-3"), event.impressions());
    }

    @Test
    void treatsNullOptionalFieldsAsAbsent() throws InvalidEventException {
        Interaction event = parse("""
                {"eventId":"e-1","userId":"u-1","itemId":"i-1","type":"view","timestamp":1714564800000,
                 "value":null,"sessionId":null,"context":null,"impressions":null}""");

        assertNull(event.value());
        assertNull(event.sessionId());
        assertEquals(Map.of(), event.context());
        assertEquals(List.of(), event.impressions());
    }

    /** Each case breaks one rule: the JSON, the field the error names, and fragments its message must hold. */
    static Stream<Arguments> brokenRules() {
        String longId = "x".repeat(129);
        String longEventId = "x".repeat(257);
        String manyContext = IntStream.range(0, 33).mapToObj(i -> "\"k" + i + "\":\"v\"")
                .collect(Collectors.joining(",", "{", "}"));
        String manyImpressions = IntStream.range(0, 1001).mapToObj(i -> "\"i" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                Arguments.of("not JSON", "{\"eventId\":", "(record)",
                        List.of("not valid JSON", "send one UTF-8 JSON object per record")),
                Arguments.of("array record", "[1,2]", "(record)", List.of("must be a JSON object", "found array")),
                Arguments.of("unknown field", with("\"rating\":5"), "rating",
                        List.of("unknown field 'rating'", "allowed fields: eventId, userId")),
                Arguments.of("missing eventId", without("eventId"), "eventId",
                        List.of("missing required field 'eventId'")),
                Arguments.of("numeric eventId", replace("\"eventId\":\"e-1\"", "\"eventId\":42"), "eventId",
                        List.of("must be a string", "found number 42")),
                Arguments.of("empty eventId", replace("\"eventId\":\"e-1\"", "\"eventId\":\"\""), "eventId",
                        List.of("must be 1-256 characters", "found 0")),
                Arguments.of("eventId too long", replace("\"eventId\":\"e-1\"", "\"eventId\":\"" + longEventId + "\""),
                        "eventId", List.of("must be 1-256 characters", "found 257", "xxx...")),
                Arguments.of("userId too long", replace("\"userId\":\"u-1\"", "\"userId\":\"" + longId + "\""),
                        "userId", List.of("must be 1-128 characters", "found 129")),
                Arguments.of("control character", replace("\"itemId\":\"i-1\"", "\"itemId\":\"i\\u0007x\""), "itemId",
                        List.of("must not contain control characters", "i\\u0007x")),
                Arguments.of("missing type", without("type"), "type",
                        List.of("missing required field 'type'", "known types: [view, click")),
                Arguments.of("unknown type", replace("\"type\":\"click\"", "\"type\":\"like\""), "type",
                        List.of("unknown event type 'like'", "known types: [view", "STREAMRANK_EVENT_TYPES")),
                Arguments.of("numeric type", replace("\"type\":\"click\"", "\"type\":3"), "type",
                        List.of("'type' must be a string, found 3")),
                Arguments.of("rating without value", replace("\"type\":\"click\"", "\"type\":\"rating\""), "value",
                        List.of("a 'rating' event needs a numeric 'value'")),
                Arguments.of("textual value", with("\"value\":\"5\""), "value",
                        List.of("'value' must be a number", "found \"5\"")),
                Arguments.of("infinite value", with("\"value\":1e400"), "value",
                        List.of("'value' must be finite", "found Infinity", "within the range of a 64-bit double")),
                Arguments.of("missing timestamp", without("timestamp"), "timestamp",
                        List.of("missing required field 'timestamp'", "2024-05-01T12:00:00Z", "epoch milliseconds")),
                Arguments.of("unparsable timestamp", replace("\"2024-05-01T12:00:00Z\"", "\"yesterday\""), "timestamp",
                        List.of("\"yesterday\" is not an ISO-8601 instant", "use a form such as 2024-05-01T12:00:00Z")),
                Arguments.of("timestamp without offset", replace("\"2024-05-01T12:00:00Z\"", "\"2024-05-01T12:00:00\""),
                        "timestamp", List.of("\"2024-05-01T12:00:00\" is not an ISO-8601 instant")),
                Arguments.of("negative timestamp", replace("\"2024-05-01T12:00:00Z\"", "-5"), "timestamp",
                        List.of("must not be negative", "found -5")),
                Arguments.of("fractional timestamp", replace("\"2024-05-01T12:00:00Z\"", "1714564800.5"), "timestamp",
                        List.of("ISO-8601 string or integer epoch milliseconds", "found 1.7145648005E9")),
                Arguments.of("boolean timestamp", replace("\"2024-05-01T12:00:00Z\"", "true"), "timestamp",
                        List.of("ISO-8601 string or integer epoch milliseconds", "found true")),
                Arguments.of("empty sessionId", with("\"sessionId\":\"\""), "sessionId",
                        List.of("'sessionId' must be 1-128 characters", "found 0")),
                Arguments.of("context array", with("\"context\":[\"tv\"]"), "context",
                        List.of("must be an object of strings", "found [\"tv\"]")),
                Arguments.of("nested context", with("\"context\":{\"device\":{\"kind\":\"tv\"}}"), "context",
                        List.of("'context.device' must be a string (context is a flat map)", "{\"kind\":\"tv\"}")),
                Arguments.of("numeric context value", with("\"context\":{\"width\":1920}"), "context",
                        List.of("'context.width' must be a string", "found 1920")),
                Arguments.of("too many context entries", with("\"context\":" + manyContext), "context",
                        List.of("at most 32 entries", "found 33")),
                Arguments.of("long context value", with("\"context\":{\"page\":\"" + "p".repeat(257) + "\"}"),
                        "context", List.of("'context.page' must be at most 256 characters", "found 257")),
                Arguments.of("impressions string", with("\"impressions\":\"i-2\""), "impressions",
                        List.of("must be an array of item ids", "found \"i-2\"")),
                Arguments.of("numeric impression", with("\"impressions\":[\"i-2\",7]"), "impressions[1]",
                        List.of("'impressions[1]' must be a string", "found number 7")),
                Arguments.of("too many impressions", with("\"impressions\":" + manyImpressions), "impressions",
                        List.of("at most 1000 item ids", "found 1001")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void rejectsBrokenRuleNamingFieldAndValue(String name, String json, String field, List<String> fragments) {
        InvalidEventException error = assertThrows(InvalidEventException.class, () -> parse(json));

        assertEquals(field, error.field(), "field of: " + error.getMessage());
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment),
                    "message '" + error.getMessage() + "' should contain '" + fragment + "'");
        }
    }

    @Test
    void readsSmallNumbersAsEpochSeconds() throws InvalidEventException {
        Instant seconds = parse(replace("\"2024-05-01T12:00:00Z\"", "964982703")).timestamp();
        Instant millis = parse(replace("\"2024-05-01T12:00:00Z\"", "964982703000")).timestamp();

        assertEquals(Instant.parse("2000-07-30T18:45:03Z"), seconds);
        assertEquals(seconds, millis);
    }

    @Test
    void splitsSecondsFromMillisAtTheLimit() throws InvalidEventException {
        long limit = InteractionParser.EPOCH_SECONDS_LIMIT;

        Instant lastSeconds = parse(replace("\"2024-05-01T12:00:00Z\"", Long.toString(limit - 1))).timestamp();
        Instant firstMillis = parse(replace("\"2024-05-01T12:00:00Z\"", Long.toString(limit))).timestamp();

        assertEquals(Instant.ofEpochSecond(limit - 1), lastSeconds);
        assertEquals(Instant.ofEpochMilli(limit), firstMillis);
        assertEquals(Instant.parse("1973-03-03T09:46:40Z"), firstMillis);
    }

    @Test
    void readsZeroAsTheEpoch() throws InvalidEventException {
        assertEquals(Instant.EPOCH, parse(replace("\"2024-05-01T12:00:00Z\"", "0")).timestamp());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isoInstants")
    void convertsIsoOffsetsToUtc(String text, String utc) throws InvalidEventException {
        Interaction event = parse(replace("\"2024-05-01T12:00:00Z\"", "\"" + text + "\""));

        assertEquals(Instant.parse(utc), event.timestamp());
    }

    static Stream<Arguments> isoInstants() {
        return Stream.of(
                Arguments.of("2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z"),
                Arguments.of("2024-05-01T14:00:00+02:00", "2024-05-01T12:00:00Z"),
                Arguments.of("2024-04-30T23:00:00-05:00", "2024-05-01T04:00:00Z"),
                Arguments.of("2024-05-01T12:00:00.123456Z", "2024-05-01T12:00:00.123456Z"),
                Arguments.of("2024-05-01T05:30:00+05:30", "2024-05-01T00:00:00Z"));
    }

    @Test
    void rejectsUnregisteredTypeUntilConfigured() throws InvalidEventException {
        String share = replace("\"type\":\"click\"", "\"type\":\"share\"");

        InvalidEventException error = assertThrows(InvalidEventException.class, () -> parse(share));
        Interaction event = new InteractionParser(EventTypes.parse("share:2.5"))
                .parse(share.getBytes(StandardCharsets.UTF_8));

        assertEquals("type", error.field());
        assertTrue(error.getMessage().contains("unknown event type 'share'"), error.getMessage());
        assertEquals("share", event.type());
    }

    @Test
    void extraTypesKeepBuiltIns() {
        EventTypes types = EventTypes.parse("share:2.5, rating:4");

        assertEquals(2.5, types.weight("share"));
        assertEquals(4.0, types.weight("rating"));
        assertEquals(EventType.CLICK.defaultWeight(), types.weight("click"));
        assertTrue(types.names().containsAll(List.of("view", "click", "add_to_cart", "purchase", "rating",
                "skip", "dislike", "share")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTypeSpecs")
    void rejectsMalformedTypeSpec(String spec, String fragment) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> EventTypes.parse(spec));

        assertTrue(error.getMessage().contains(fragment), error.getMessage());
    }

    static Stream<Arguments> badTypeSpecs() {
        return Stream.of(
                Arguments.of("share", "invalid event type entry 'share': expected name:weight"),
                Arguments.of("Share:1", "invalid event type name 'Share'"),
                Arguments.of("share:lots", "invalid weight in event type entry 'share:lots': expected a number"),
                Arguments.of("share:NaN", "the weight must be finite"));
    }

    @Test
    void countsIdLengthInCharactersNotUtf16Units() throws InvalidEventException {
        String emoji = "\uD83C\uDFAC";
        String atLimit = replace("\"userId\":\"u-1\"", "\"userId\":\"" + emoji.repeat(128) + "\"");
        String overLimit = replace("\"userId\":\"u-1\"", "\"userId\":\"" + emoji.repeat(129) + "\"");

        Interaction event = parse(atLimit);
        InvalidEventException error = assertThrows(InvalidEventException.class, () -> parse(overLimit));

        assertEquals(256, event.userId().length());
        assertTrue(error.getMessage().contains("found 129"), error.getMessage());
    }

    private Interaction parse(String json) throws InvalidEventException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String with(String field) {
        return VALID.substring(0, VALID.length() - 1) + "," + field + "}";
    }

    private static String without(String field) {
        return VALID.replaceAll("\"" + field + "\":(\"[^\"]*\"|[^,}]*),?", "").replace(",}", "}");
    }

    private static String replace(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("the valid event has no " + from);
        }
        return VALID.replace(from, to);
    }
}
