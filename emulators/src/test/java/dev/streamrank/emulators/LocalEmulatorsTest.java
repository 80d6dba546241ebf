package dev.streamrank.emulators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.aws.StreamRankResources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

class LocalEmulatorsTest {

    private static LocalEmulators emulators;
    private static final StreamRankResources RESOURCES = StreamRankResources.defaults();

    @BeforeAll
    static void start() {
        emulators = LocalEmulators.start();
        emulators.createResources(RESOURCES);
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    @Test
    void kinesisRoundTripsARecordOnTheInteractionsStream() {
        try (KinesisClient kinesis = emulators.clients().kinesis()) {
            kinesis.putRecord(b -> b.streamName(RESOURCES.interactionsStream()).partitionKey("user-1")
                    .data(SdkBytes.fromUtf8String("{\"hello\":1}")));

            List<Shard> shards = kinesis.listShards(b -> b.streamName(RESOURCES.interactionsStream())).shards();
            assertEquals(2, shards.size(), "the bootstrap creates two shards per stream");

            int found = 0;
            for (Shard shard : shards) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(RESOURCES.interactionsStream())
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (Record record : kinesis.getRecords(b -> b.shardIterator(iterator)).records()) {
                    assertEquals("{\"hello\":1}", record.data().asUtf8String());
                    found++;
                }
            }
            assertEquals(1, found);
        }
    }

    @Test
    void dynaliteEnforcesConditionExpressions() {
        try (DynamoDbClient dynamo = emulators.clients().dynamoDb()) {
            Map<String, AttributeValue> item = Map.of("userId", AttributeValue.fromS("u-condition"));
            dynamo.putItem(b -> b.tableName(RESOURCES.usersTable()).item(item)
                    .conditionExpression("attribute_not_exists(userId)"));

            boolean rejected = false;
            try {
                dynamo.putItem(b -> b.tableName(RESOURCES.usersTable()).item(item)
                        .conditionExpression("attribute_not_exists(userId)"));
            } catch (ConditionalCheckFailedException expected) {
                rejected = true;
            }
            assertTrue(rejected, "a second conditional put of the same key must fail");
        }
    }

    @Test
    void s3ProxyStoresAndReturnsBytes() {
        byte[] payload = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = emulators.clients().s3()) {
            s3.putObject(b -> b.bucket(RESOURCES.bucket()).key("log/test.jsonl"), RequestBody.fromBytes(payload));

            byte[] read = s3.getObjectAsBytes(b -> b.bucket(RESOURCES.bucket()).key("log/test.jsonl")).asByteArray();
            assertArrayEquals(payload, read);
        }
    }

    @Test
    void createResourcesIsIdempotent() {
        emulators.createResources(RESOURCES);

        try (DynamoDbClient dynamo = emulators.clients().dynamoDb()) {
            List<String> tables = dynamo.listTables().tableNames();
            assertTrue(tables.containsAll(List.of(RESOURCES.usersTable(), RESOURCES.itemsTable(),
                    RESOURCES.dedupeTable())), "tables: " + tables);
        }
    }
}
