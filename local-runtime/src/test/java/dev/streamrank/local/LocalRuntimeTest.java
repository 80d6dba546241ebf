package dev.streamrank.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.local.kinesis.PollerSettings;
import dev.streamrank.local.kinesis.RetryBackoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The runtime on the embedded emulators with small test functions in place of StreamRank's: a
 * stream function that records what it receives and fails on "poison", and an HTTP function that
 * echoes the environment it was built with.
 */
class LocalRuntimeTest {

    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static LocalRuntime runtime;
    private static FunctionEnvironment handlerEnvironment;

    @BeforeAll
    static void start() {
        LocalFunctions functions = LocalFunctions.none()
                .withStreamFunction("recorder", StreamRankResources::interactionsStream, environment ->
                        (event, context) -> {
                            for (var record : event.getRecords()) {
                                String data = StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString();
                                if (data.equals("poison")) {
                                    throw new IllegalStateException("poison record");
                                }
                                RECEIVED.add(data);
                            }
                            return new StreamsEventResponse(List.of());
                        })
                .withHttpFunction("echo", List.of("GET /echo/{name}"), environment -> {
                    handlerEnvironment = environment;
                    return (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                            .withBody(event.getPathParameters().get("name") + " from " + context.getFunctionName()
                                    + " reading " + environment.resources().usersTable())
                            .build();
                });
        PollerSettings poller = PollerSettings.defaults().withMaximumRetryAttempts(1)
                .withPollInterval(Duration.ofMillis(50))
                .withRetryBackoff(new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(20)));
        runtime = LocalRuntime.start(RuntimeOptions.defaults().withPoller(poller)
                .withSettings(Map.of("STREAMRANK_RECENT_LIMIT", "50")), functions);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void runtimeCreatesTheResources() {
        StreamRankResources resources = runtime.resources();
        try (KinesisClient kinesis = runtime.clients().kinesis(); S3Client s3 = runtime.clients().s3()) {
            assertEquals(2, kinesis.listShards(b -> b.streamName(resources.interactionsStream())).shards().size());
            assertEquals(2, kinesis.listShards(b -> b.streamName(resources.featurizedStream())).shards().size());
            s3.headBucket(b -> b.bucket(resources.bucket()));
        }
    }

    @Test
    void streamFunctionReceivesTheInteractionsStream() throws Exception {
        try (KinesisClient kinesis = runtime.clients().kinesis()) {
            for (int i = 0; i < 5; i++) {
                String data = "event-" + i;
                kinesis.putRecord(b -> b.streamName(runtime.resources().interactionsStream()).partitionKey("user-1")
                        .data(SdkBytes.fromUtf8String(data)));
            }
        }

        assertTrue(runtime.awaitIdle(Duration.ofSeconds(30)));
        assertTrue(RECEIVED.containsAll(List.of("event-0", "event-1", "event-2", "event-3", "event-4")),
                RECEIVED.toString());
        assertNotNull(runtime.pollerMetrics().get("recorder"));
    }

    @Test
    void failedBatchIsWrittenToS3() throws Exception {
        try (KinesisClient kinesis = runtime.clients().kinesis()) {
            kinesis.putRecord(b -> b.streamName(runtime.resources().interactionsStream()).partitionKey("user-9")
                    .data(SdkBytes.fromUtf8String("poison")));
        }

        assertTrue(runtime.awaitIdle(Duration.ofSeconds(30)));
        try (S3Client s3 = runtime.clients().s3()) {
            List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(runtime.resources().bucket())
                    .prefix(LocalRuntime.ON_FAILURE_PREFIX + "recorder/")).contents();
            assertEquals(1, objects.size(), "one object per given-up batch");
        }
        assertEquals(1, runtime.pollerMetrics().get("recorder").failedBatches());
    }

    @Test
    void httpFunctionIsServedWithTheRuntimeEnvironment() throws Exception {
        URI url = URI.create(runtime.apiBaseUrl() + "/echo/hello");

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("hello from echo reading " + StreamRankResources.DEFAULT_USERS_TABLE, response.body());
        assertEquals("50", handlerEnvironment.settings().get("STREAMRANK_RECENT_LIMIT"));
        assertEquals(StreamRankResources.DEFAULT_BUCKET, handlerEnvironment.settings().get("STREAMRANK_BUCKET"));
    }

    @Test
    void handlerLookupNamesTheHostedFunctions() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> runtime.handler("missing", Object.class));
        assertTrue(error.getMessage().contains("recorder"), error.getMessage());
    }
}
