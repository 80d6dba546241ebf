package dev.streamrank.events.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.emulators.LocalEmulators;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.Interaction;
import dev.streamrank.events.movielens.MalformedLinePolicy;
import dev.streamrank.events.movielens.MovieLensDataset;
import dev.streamrank.state.ItemState;
import dev.streamrank.state.ItemStateTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Replays into kinesis-mock and reads every record back with GetRecords from all shards; imports
 * catalogs into dynalite. One emulator set serves the class, and each test writes to its own stream.
 */
class KinesisReplayerEmulatorTest {

    private static final AtomicInteger STREAMS = new AtomicInteger();

    private static LocalEmulators emulators;
    private static AwsClients clients;
    private static KinesisClient kinesis;

    @TempDir
    Path temp;

    @BeforeAll
    static void startEmulators() {
        emulators = LocalEmulators.start();
        emulators.createResources(StreamRankResources.defaults());
        clients = emulators.clients();
        kinesis = clients.kinesis();
    }

    @AfterAll
    static void stopEmulators() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (emulators != null) {
            emulators.close();
        }
    }

    @Test
    void replaysSampleEventsAndReadsEveryRecordBack() throws IOException {
        String stream = newStream(3);
        List<Interaction> expected = readEvents(Path.of("samples/interactions.jsonl"));

        ReplaySummary summary = replayer().replay(ReplayOptions.eventsFile(Path.of("samples/interactions.jsonl"))
                .withStream(stream), ReplayListener.NONE);
        List<Record> records = readAll(stream);

        assertEquals(14, summary.sent());
        assertEquals(0, summary.failed());
        assertTrue(summary.succeeded());
        assertRecordsMatch(expected, records);
    }

    @Test
    void replaysSliceKeepingUserOrder() {
        Path directory = realMovieLens();
        String stream = newStream(4);
        List<Interaction> expected;
        try (Stream<Interaction> ratings = MovieLensDataset.open(directory).ratings()) {
            Set<String> users = new HashSet<>();
            // ml-latest-small is sorted by user, so the first 12 users are the first users seen.
            expected = ratings.filter(r -> users.contains(r.userId()) || (users.size() < 12 && users.add(r.userId())))
                    .toList();
        }

        ReplaySummary summary = replayer().replay(ReplayOptions.movieLens(directory).withUsers(12).withStream(stream),
                ReplayListener.NONE);
        List<Record> records = readAll(stream);

        assertTrue(expected.size() > 1000, "the slice spans several PutRecords batches: " + expected.size());
        assertEquals(expected.size(), summary.sent());
        assertRecordsMatch(expected, records);
        assertEachUsersOrderKept(expected, records);
    }

    @Test
    void appliesLimitToTheSlice() {
        String stream = newStream(1);

        ReplaySummary summary = replayer().replay(ReplayOptions.movieLens(fixture("csv")).withLimit(3).withStream(stream),
                ReplayListener.NONE);

        assertEquals(3, summary.sent());
        assertEquals(3, readAll(stream).size());
    }

    @Test
    void sortsByTimestampInSpeedMode() {
        String stream = newStream(1);

        ReplaySummary summary = replayer().replay(ReplayOptions.movieLens(fixture("csv")).withStream(stream)
                .withSpeed(1e12, java.time.Duration.ofMillis(5)), ReplayListener.NONE);
        List<String> timestamps = readAll(stream).stream().map(r -> json(r).get("timestamp").asText()).toList();

        assertEquals(5, summary.sent());
        assertEquals(timestamps.stream().sorted(Comparator.comparing(java.time.Instant::parse)).toList(), timestamps);
    }

    @Test
    void failsOversizeRecordById() throws IOException {
        String stream = newStream(1);
        Path events = temp.resolve("events.jsonl");
        String bigContext = "{\"note\":\"" + "x".repeat(250) + "\",\"more\":\"" + "y".repeat(250) + "\"}";
        Files.writeString(events, String.join("\n",
                "{\"eventId\":\"small-1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"click\",\"timestamp\":1714564800000}",
                "{\"eventId\":\"big-1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":1714564801000,"
                        + "\"context\":" + bigContext + "}",
                "{\"eventId\":\"small-2\",\"userId\":\"u2\",\"itemId\":\"i2\",\"type\":\"click\",\"timestamp\":1714564802000}"));
        // A valid event stays far below 1 MiB because every field is bounded, so a 400-byte limit replaces
        // the real one here. RecordBatcherTest checks the real limit.
        KinesisReplayer replayer = new KinesisReplayer(kinesis, null, new BatchLimits(500, 5 * BatchLimits.MIB, 400),
                attempt -> { });

        ReplaySummary summary = replayer.replay(ReplayOptions.eventsFile(events).withStream(stream), ReplayListener.NONE);

        assertEquals(2, summary.sent());
        assertEquals(1, summary.failed());
        assertEquals("big-1", summary.failures().get(0).id());
        assertTrue(summary.failures().get(0).reason().contains("over the Kinesis limit of 400 bytes"),
                summary.failures().get(0).reason());
        assertEquals(List.of("small-1", "small-2"), readAll(stream).stream().map(r -> json(r).get("eventId").asText())
                .sorted().toList());
    }

    @Test
    void commandPrintsParsableSummaryAndExitsZero() {
        String stream = newStream(2);
        StringWriter out = new StringWriter();

        int exitCode = command(out, new StringWriter()).execute("--events", "samples/interactions.jsonl",
                "--stream", stream, "--endpoint", endpoint(), "--quiet");
        JsonNode summary = parseSingleLine(out.toString());

        assertEquals(0, exitCode, out.toString());
        assertEquals(14, summary.get("sent").asLong());
        assertEquals(0, summary.get("retried").asLong());
        assertEquals(0, summary.get("failed").asLong());
        assertEquals(0, summary.get("malformedLines").asLong());
        assertTrue(summary.get("seconds").isNumber());
        assertTrue(summary.get("recordsPerSecond").asDouble() > 0);
        assertEquals(14, readAll(stream).size());
    }

    @Test
    void commandReportsMalformedLinesAndExitsOne() {
        String stream = newStream(1);
        StringWriter out = new StringWriter();

        int exitCode = command(out, new StringWriter()).execute("--events", "samples/bad-events.jsonl",
                "--stream", stream, "--endpoint", endpoint(), "--quiet", "--skip-malformed");
        JsonNode summary = parseSingleLine(out.toString());

        assertEquals(1, exitCode);
        assertEquals(0, summary.get("sent").asLong());
        assertEquals(11, summary.get("malformedLines").asLong());
        JsonNode first = summary.get("malformed").get(0);
        assertEquals("samples/bad-events.jsonl", first.get("file").asText());
        assertEquals(1, first.get("line").asLong());
        assertTrue(first.get("reason").asText().startsWith("eventId: missing required field 'eventId'"),
                first.toString());
        assertEquals("type", summary.get("malformed").get(1).get("reason").asText().split(":")[0]);
    }

    @Test
    void commandStopsAtFirstMalformedLineByDefault() {
        String stream = newStream(1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = command(out, err).execute("--events", "samples/bad-events.jsonl", "--stream", stream,
                "--endpoint", endpoint(), "--quiet");
        JsonNode summary = parseSingleLine(out.toString());

        assertEquals(1, exitCode);
        assertEquals(1, summary.get("malformedLines").asLong());
        assertTrue(summary.get("error").asText().startsWith("samples/bad-events.jsonl:1: eventId:"),
                summary.get("error").asText());
        assertTrue(err.toString().contains("replay stopped: samples/bad-events.jsonl:1"), err.toString());
    }

    @Test
    void commandNamesMissingStream() {
        StringWriter out = new StringWriter();

        int exitCode = command(out, new StringWriter()).execute("--events", "samples/interactions.jsonl",
                "--stream", "no-such-stream", "--endpoint", endpoint(), "--quiet");
        JsonNode summary = parseSingleLine(out.toString());

        assertEquals(1, exitCode);
        assertEquals(0, summary.get("sent").asLong());
        assertTrue(summary.get("error").asText().contains("Kinesis stream 'no-such-stream' not found"),
                summary.get("error").asText());
    }

    @Test
    void replayImportsCatalogBeforeEvents() {
        String stream = newStream(1);
        StringWriter out = new StringWriter();

        int exitCode = command(out, new StringWriter()).execute("--movielens", fixture("csv").toString(),
                "--catalog", "--items-table", StreamRankResources.DEFAULT_ITEMS_TABLE, "--stream", stream,
                "--endpoint", endpoint(), "--dynamodb-endpoint", clients.endpoints().dynamodb().toString(), "--quiet");
        JsonNode summary = parseSingleLine(out.toString());
        ItemState item = itemsTable().get("11");

        assertEquals(0, exitCode, out.toString());
        assertEquals(6, summary.get("catalogItems").asLong());
        assertEquals(5, summary.get("sent").asLong());
        assertEquals("American President, The (1995)", item.title());
        assertEquals(List.of("Comedy", "Drama", "Romance"), item.genres());
    }

    @Test
    void importCatalogCommandWritesTitlesAndGenres() {
        StringWriter out = new StringWriter();
        CommandLine command = ReplayCommand.commandLine(new ImportCatalogCommand())
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));

        int exitCode = command.execute("--movielens", fixture("u").toString(), "--quiet",
                "--endpoint", clients.endpoints().dynamodb().toString());
        JsonNode summary = parseSingleLine(out.toString());
        ItemState item = itemsTable().get("1633");

        assertEquals(0, exitCode, out.toString());
        assertEquals(6, summary.get("catalogItems").asLong());
        assertEquals("Á köldum klaka (Cold Fever) (1994)", item.title());
        assertEquals(List.of("Comedy", "Drama"), item.genres());
    }

    @Test
    void catalogImportLeavesCountersAlone() {
        ItemStateTable table = itemsTable();
        CatalogImporter importer = new CatalogImporter(table, 2);
        MovieLensDataset dataset = MovieLensDataset.open(fixture("dat"), MalformedLinePolicy.FAIL_FAST);

        CatalogImporter.Result first = importer.importMovieLens(dataset, count -> { });
        CatalogImporter.Result second = importer.importMovieLens(dataset, count -> { });

        assertEquals(4, first.imported());
        assertEquals(4, second.imported());
        assertEquals(0, second.failed());
        assertEquals("Misérables, Les (1995)", table.get("73").title());
        assertEquals(Map.of(), table.get("73").counters());
    }

    private static KinesisReplayer replayer() {
        return new KinesisReplayer(kinesis, null);
    }

    private static CommandLine command(StringWriter out, StringWriter err) {
        return ReplayCommand.commandLine(new ReplayCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    private static String endpoint() {
        return clients.endpoints().kinesis().toString();
    }

    private static ItemStateTable itemsTable() {
        return new ItemStateTable(clients.dynamoDb(), StreamRankResources.DEFAULT_ITEMS_TABLE);
    }

    private static String newStream(int shards) {
        String name = "replay-test-" + STREAMS.incrementAndGet();
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name));
        return name;
    }

    /** Reads every record of every shard from the start of the stream. */
    private static List<Record> readAll(String stream) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (int calls = 0; iterator != null && calls < 1000; calls++) {
                String from = iterator;
                GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(from).limit(10_000));
                records.addAll(page.records());
                boolean caughtUp = page.millisBehindLatest() == null || page.millisBehindLatest() == 0;
                if (page.records().isEmpty() && caughtUp) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return records;
    }

    private static void assertRecordsMatch(List<Interaction> expected, List<Record> records) {
        Map<String, JsonNode> expectedById = new LinkedHashMap<>();
        expected.forEach(event -> expectedById.put(event.eventId(), EventJson.toJson(event)));
        Map<String, JsonNode> actualById = new LinkedHashMap<>();
        for (Record record : records) {
            JsonNode node = json(record);
            assertEquals(node.get("userId").asText(), record.partitionKey(), "partition key is the userId");
            assertNull(actualById.put(node.get("eventId").asText(), node), "duplicate " + node.get("eventId"));
        }

        assertEquals(expectedById.keySet(), actualById.keySet());
        expectedById.forEach((id, node) -> assertEquals(node, actualById.get(id), id));
    }

    /** Records of one user share a shard, where PutRecords keeps their order as long as nothing was retried. */
    private static void assertEachUsersOrderKept(List<Interaction> expected, List<Record> records) {
        Map<String, List<String>> expectedOrder = new LinkedHashMap<>();
        expected.forEach(e -> expectedOrder.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e.eventId()));
        Map<String, List<String>> actualOrder = new LinkedHashMap<>();
        for (Record record : records) {
            JsonNode node = json(record);
            actualOrder.computeIfAbsent(node.get("userId").asText(), k -> new ArrayList<>())
                    .add(node.get("eventId").asText());
        }

        assertEquals(expectedOrder, actualOrder);
    }

    private static JsonNode json(Record record) {
        try {
            return EventJson.MAPPER.readTree(record.data().asByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("record is not JSON: " + record.data().asUtf8String(), e);
        }
    }

    private static JsonNode parseSingleLine(String output) {
        List<String> lines = output.lines().toList();
        assertEquals(1, lines.size(), "expected one summary line, got: " + output);
        try {
            return EventJson.MAPPER.readTree(lines.get(0));
        } catch (IOException e) {
            throw new AssertionError("summary is not JSON: " + lines.get(0), e);
        }
    }

    private static List<Interaction> readEvents(Path file) {
        var report = new dev.streamrank.events.movielens.MalformedLineReport(MalformedLinePolicy.FAIL_FAST);
        try (Stream<Interaction> events = EventsFile.read(file,
                new dev.streamrank.event.InteractionParser(dev.streamrank.event.EventTypes.defaults()), report)) {
            return events.toList();
        }
    }

    private static Path realMovieLens() {
        String root = System.getProperty("streamrank.data", System.getenv("STREAMRANK_DATA"));
        assumeTrue(root != null, "set -Dstreamrank.data or STREAMRANK_DATA to the folder holding ml-latest-small");
        Path directory = Path.of(root, "ml-latest-small");
        assumeTrue(Files.isRegularFile(directory.resolve("ratings.csv")), "ml-latest-small not found under " + root);
        return directory;
    }

    private static Path fixture(String name) {
        try {
            return Path.of(KinesisReplayerEmulatorTest.class.getResource("/movielens/" + name + "/").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
