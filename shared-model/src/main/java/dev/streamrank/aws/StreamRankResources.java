package dev.streamrank.aws;

import java.util.Map;

/**
 * Names of the AWS resources the parts share. Read from the environment in one place; the defaults
 * here are the names the local runtime and the CDK app create.
 *
 * @param interactionsStream Kinesis stream of raw events ({@code STREAMRANK_INTERACTIONS_STREAM})
 * @param featurizedStream   Kinesis stream of featurized events ({@code STREAMRANK_FEATURIZED_STREAM})
 * @param usersTable         DynamoDB user state table ({@code STREAMRANK_USERS_TABLE})
 * @param itemsTable         DynamoDB item state table ({@code STREAMRANK_ITEMS_TABLE})
 * @param dedupeTable        DynamoDB event-id table with TTL ({@code STREAMRANK_DEDUPE_TABLE})
 * @param bucket             S3 bucket for the log, rejected records and models ({@code STREAMRANK_BUCKET})
 */
public record StreamRankResources(
        String interactionsStream,
        String featurizedStream,
        String usersTable,
        String itemsTable,
        String dedupeTable,
        String bucket) {

    public static final String DEFAULT_INTERACTIONS_STREAM = "streamrank-interactions";
    public static final String DEFAULT_FEATURIZED_STREAM = "streamrank-featurized";
    public static final String DEFAULT_USERS_TABLE = "streamrank-users";
    public static final String DEFAULT_ITEMS_TABLE = "streamrank-items";
    public static final String DEFAULT_DEDUPE_TABLE = "streamrank-dedupe";
    public static final String DEFAULT_BUCKET = "streamrank-data";

    /** S3 key prefix of the interaction log (the training input). */
    public static final String LOG_PREFIX = "log/";
    /** S3 key prefix of rejected records. */
    public static final String REJECTED_PREFIX = "rejected/";
    /** S3 key prefix of model versions; {@code models/CURRENT} names the version in service. */
    public static final String MODELS_PREFIX = "models/";

    public static StreamRankResources defaults() {
        return new StreamRankResources(DEFAULT_INTERACTIONS_STREAM, DEFAULT_FEATURIZED_STREAM, DEFAULT_USERS_TABLE,
                DEFAULT_ITEMS_TABLE, DEFAULT_DEDUPE_TABLE, DEFAULT_BUCKET);
    }

    public static StreamRankResources fromEnvironment() {
        return fromMap(System.getenv());
    }

    public static StreamRankResources fromMap(Map<String, String> env) {
        return new StreamRankResources(
                env.getOrDefault("STREAMRANK_INTERACTIONS_STREAM", DEFAULT_INTERACTIONS_STREAM),
                env.getOrDefault("STREAMRANK_FEATURIZED_STREAM", DEFAULT_FEATURIZED_STREAM),
                env.getOrDefault("STREAMRANK_USERS_TABLE", DEFAULT_USERS_TABLE),
                env.getOrDefault("STREAMRANK_ITEMS_TABLE", DEFAULT_ITEMS_TABLE),
                env.getOrDefault("STREAMRANK_DEDUPE_TABLE", DEFAULT_DEDUPE_TABLE),
                env.getOrDefault("STREAMRANK_BUCKET", DEFAULT_BUCKET));
    }

    /** Returns the environment variables that make {@link #fromEnvironment()} return these names. */
    public Map<String, String> toEnvironment() {
        return Map.of(
                "STREAMRANK_INTERACTIONS_STREAM", interactionsStream,
                "STREAMRANK_FEATURIZED_STREAM", featurizedStream,
                "STREAMRANK_USERS_TABLE", usersTable,
                "STREAMRANK_ITEMS_TABLE", itemsTable,
                "STREAMRANK_DEDUPE_TABLE", dedupeTable,
                "STREAMRANK_BUCKET", bucket);
    }
}
