package dev.streamrank.emulators;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.state.DedupeTable;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates the streams, tables and bucket StreamRank uses, with the settings a deployment needs:
 * on-demand tables keyed by a string id, a TTL on the dedupe table, streams keyed by user id.
 * Idempotent: resources that already exist are left as they are. Used against the emulators and
 * against LocalStack.
 */
public final class ResourceBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceBootstrap.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final AwsClients clients;
    private final int shardCount;

    public ResourceBootstrap(AwsClients clients) {
        this(clients, 2);
    }

    /**
     * @param shardCount shards per stream; more than one exercises per-shard ordering locally
     */
    public ResourceBootstrap(AwsClients clients, int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be at least 1 (given " + shardCount + ")");
        }
        this.clients = clients;
        this.shardCount = shardCount;
    }

    public void create(StreamRankResources resources) {
        try (KinesisClient kinesis = clients.kinesis();
                DynamoDbClient dynamo = clients.dynamoDb();
                S3Client s3 = clients.s3()) {
            createStream(kinesis, resources.interactionsStream());
            createStream(kinesis, resources.featurizedStream());
            createTable(dynamo, resources.usersTable(), "userId");
            createTable(dynamo, resources.itemsTable(), "itemId");
            createTable(dynamo, resources.dedupeTable(), "eventId");
            enableTtl(dynamo, resources.dedupeTable());
            createBucket(s3, resources.bucket());
        }
    }

    private void createStream(KinesisClient kinesis, String name) {
        try {
            kinesis.createStream(b -> b.streamName(name).shardCount(shardCount));
            LOG.info("created stream {} with {} shards", name, shardCount);
        } catch (software.amazon.awssdk.services.kinesis.model.ResourceInUseException exists) {
            LOG.info("stream {} already exists", name);
        }

        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            waitOrFail(deadline, "stream " + name + " did not become ACTIVE");
        }
    }

    private static void createTable(DynamoDbClient dynamo, String name, String key) {
        try {
            dynamo.createTable(b -> b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(key).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build()));
            LOG.info("created table {} keyed by {}", name, key);
        } catch (ResourceInUseException exists) {
            LOG.info("table {} already exists", name);
        }

        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (dynamo.describeTable(b -> b.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            waitOrFail(deadline, "table " + name + " did not become ACTIVE");
        }
    }

    private static void enableTtl(DynamoDbClient dynamo, String table) {
        try {
            dynamo.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(spec -> spec
                    .attributeName(DedupeTable.TTL_ATTRIBUTE).enabled(true)));
        } catch (DynamoDbException e) {
            // dynalite 4.0.0 does not implement UpdateTimeToLive; DedupeTable checks expiry itself,
            // so only the physical clean-up is missing there. A second call on AWS also lands here.
            String reason = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode();
            LOG.info("TTL on {} not enabled ({}); expired ids are still ignored on read", table, reason);
        }
    }

    private static void createBucket(S3Client s3, String bucket) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
            LOG.info("created bucket {}", bucket);
        } catch (BucketAlreadyOwnedByYouException exists) {
            LOG.info("bucket {} already exists", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
            LOG.info("bucket {} already exists", bucket);
        }
    }

    private static void waitOrFail(long deadline, String message) {
        if (System.nanoTime() > deadline) {
            throw new EmulatorException(message + " within " + READY_TIMEOUT.toSeconds() + " s");
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("interrupted while waiting: " + message, e);
        }
    }
}
