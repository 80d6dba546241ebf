package dev.streamrank.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrank.aws.StreamRankResources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Counts of what the preprocess function did, read back from where it left its results rather than
 * from the replay's own numbers.
 *
 * @param accepted   distinct event ids in the interaction log ({@code log/} in S3)
 * @param rejected   records stored under {@code rejected/} in S3, one object each
 * @param duplicates records the function processed that went to neither place: the records the poller
 *                   counts as processed, less {@code accepted} and {@code rejected}
 * @param users      items in the users table
 * @param items      items in the items table, catalog entries included
 */
record PreprocessCounts(long accepted, long rejected, long duplicates, long users, long items) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PreprocessCounts read(S3Client s3, DynamoDbClient dynamo, StreamRankResources resources,
            long recordsProcessed) {
        long accepted = distinctLoggedEvents(s3, resources.bucket());
        long rejected = countObjects(s3, resources.bucket(), StreamRankResources.REJECTED_PREFIX);
        long users = countItems(dynamo, resources.usersTable());
        long items = countItems(dynamo, resources.itemsTable());
        return new PreprocessCounts(accepted, rejected, recordsProcessed - accepted - rejected, users, items);
    }

    private static long distinctLoggedEvents(S3Client s3, String bucket) {
        Set<String> eventIds = new HashSet<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)
                .prefix(StreamRankResources.LOG_PREFIX)).contents()) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    s3.getObject(b -> b.bucket(bucket).key(object.key())), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode event = JSON.readTree(line);
                    eventIds.add(event.path("eventId").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading s3://" + bucket + "/" + object.key() + " failed", e);
            }
        }
        return eventIds.size();
    }

    private static long countObjects(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().count();
    }

    private static long countItems(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
                .mapToLong(page -> page.count())
                .sum();
    }
}
