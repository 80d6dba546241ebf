package dev.streamrank.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.EventTypes;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.event.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the event fixtures through the JSON Schema and {@link InteractionParser} and checks that both
 * give the verdict the file name states: {@code valid-*} and {@code invalid-*} files must get the same
 * verdict from both; {@code custom-*} and {@code differs-*} files are the known differences in
 * {@link #DIFFERENCES}, each with its reason.
 */
class EventContractFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/events");
    private static final Path SAMPLES = Path.of("samples");

    /**
     * A fixture the two validators legitimately judge differently.
     *
     * @param parserAccepts verdict of the parser with the built-in types
     * @param schemaAccepts verdict of the schema
     * @param reason        why they differ
     */
    record Difference(boolean parserAccepts, boolean schemaAccepts, String reason) {
    }

    static final Map<String, Difference> DIFFERENCES = Map.of(
            "custom-type-share.json", new Difference(false, false,
                    "both reject an unregistered type; a deployment that registers share:2.5 accepts it in the"
                            + " parser, while the schema's enum stays at the built-in types"),
            "differs-value-overflow.json", new Difference(false, true,
                    "1e400 is a valid JSON number, but it overflows a double and the parser requires a finite value"),
            "differs-timestamp-integral-float.json", new Difference(false, true,
                    "JSON Schema counts 1714564800000.0 as an integer, the parser accepts only integer literals"));

    private static final JsonSchema SCHEMA = loadSchema();

    private final InteractionParser parser = new InteractionParser(EventTypes.defaults());

    static Stream<String> agreeingFixtures() {
        return fixtureNames().filter(name -> name.startsWith("valid-") || name.startsWith("invalid-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreeingFixtures")
    void schemaAndParserAgreeOnFixture(String name) throws IOException {
        byte[] json = Files.readAllBytes(FIXTURES.resolve(name));
        boolean expected = name.startsWith("valid-");

        assertEquals(expected, parserAccepts(json), "parser verdict on " + name + ": " + parserError(json));
        assertEquals(expected, schemaAccepts(json), "schema verdict on " + name + ": " + schemaErrors(json));
    }

    static Stream<String> differingFixtures() {
        return DIFFERENCES.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differingFixtures")
    void knownDifferenceHoldsForFixture(String name) throws IOException {
        byte[] json = Files.readAllBytes(FIXTURES.resolve(name));
        Difference difference = DIFFERENCES.get(name);

        assertEquals(difference.parserAccepts(), parserAccepts(json), name + ": " + difference.reason());
        assertEquals(difference.schemaAccepts(), schemaAccepts(json), name + ": " + difference.reason());
    }

    @Test
    void registeredCustomTypePassesParserOnly() throws IOException {
        byte[] json = Files.readAllBytes(FIXTURES.resolve("custom-type-share.json"));
        InteractionParser configured = new InteractionParser(EventTypes.parse("share:2.5"));

        assertTrue(accepts(configured, json), "parser with share registered");
        assertFalse(schemaAccepts(json), "schema lists only the built-in types");
    }

    @Test
    void everyFixtureHasAVerdict() {
        List<String> unclassified = fixtureNames()
                .filter(name -> !name.startsWith("valid-") && !name.startsWith("invalid-"))
                .filter(name -> !DIFFERENCES.containsKey(name))
                .toList();

        assertEquals(List.of(), unclassified, "fixtures need a valid-/invalid- prefix or an entry in DIFFERENCES");
        assertTrue(agreeingFixtures().count() >= 30, "fixture table shrank");
    }

    @Test
    void sampleInteractionsPassBothValidators() throws IOException {
        List<String> lines = Files.readAllLines(SAMPLES.resolve("interactions.jsonl"), StandardCharsets.UTF_8);

        assertEquals(14, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            byte[] json = lines.get(i).getBytes(StandardCharsets.UTF_8);
            assertTrue(parserAccepts(json), "interactions.jsonl:" + (i + 1) + ": " + parserError(json));
            assertTrue(schemaAccepts(json), "interactions.jsonl:" + (i + 1) + ": " + schemaErrors(json));
        }
    }

    @Test
    void sampleInteractionsCoverEveryBuiltInType() throws IOException {
        Set<String> types = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(SAMPLES.resolve("interactions.jsonl"), StandardCharsets.UTF_8)) {
            types.add(EventJson.MAPPER.readTree(line).get("type").asText());
        }

        assertEquals(new java.util.TreeSet<>(EventTypes.defaults().names()), types);
    }

    @Test
    void badSampleEventsFailBothValidators() throws IOException {
        List<String> lines = Files.readAllLines(SAMPLES.resolve("bad-events.jsonl"), StandardCharsets.UTF_8);

        assertEquals(11, lines.size(), "the README describes 11 bad lines");
        for (int i = 0; i < lines.size(); i++) {
            byte[] json = lines.get(i).getBytes(StandardCharsets.UTF_8);
            assertFalse(parserAccepts(json), "bad-events.jsonl:" + (i + 1) + " passed the parser");
            assertFalse(schemaAccepts(json), "bad-events.jsonl:" + (i + 1) + " passed the schema");
        }
    }

    private boolean parserAccepts(byte[] json) {
        return accepts(parser, json);
    }

    private static boolean accepts(InteractionParser parser, byte[] json) {
        try {
            parser.parse(json);
            return true;
        } catch (InvalidEventException e) {
            return false;
        }
    }

    private String parserError(byte[] json) {
        try {
            parser.parse(json);
            return "accepted";
        } catch (InvalidEventException e) {
            return e.field() + ": " + e.getMessage();
        }
    }

    /** Text that is not JSON at all fails the schema too, as a JSON Schema validates only JSON values. */
    private static boolean schemaAccepts(byte[] json) {
        Set<ValidationMessage> errors = validate(json);
        return errors != null && errors.isEmpty();
    }

    private static String schemaErrors(byte[] json) {
        Set<ValidationMessage> errors = validate(json);
        return errors == null ? "not JSON" : errors.toString();
    }

    private static Set<ValidationMessage> validate(byte[] json) {
        JsonNode node;
        try {
            node = EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SCHEMA.validate(node);
    }

    private static Stream<String> fixtureNames() {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema loadSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream schema = EventContractFixturesTest.class.getResourceAsStream("/interaction.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
