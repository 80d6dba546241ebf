package dev.streamrank.state;

import static dev.streamrank.state.DynamoAttributes.n;
import static dev.streamrank.state.DynamoAttributes.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The de-duplication table: key {@code eventId}, attribute {@code expiresAt} (epoch seconds) as the
 * table's TTL attribute. An id is remembered only after the event's state writes succeeded, so a
 * failure in between leads to a retry, never to a lost event.
 */
public final class DedupeTable {

    static final String KEY = "eventId";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    private static final int MAX_WRITES_PER_CALL = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;

    public DedupeTable(DynamoDbClient dynamo, String table, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
    }

    /**
     * Returns the ids among {@code eventIds} that were already processed and have not expired.
     * DynamoDB deletes expired items lazily, so the expiry time is checked here too.
     */
    public Set<String> findSeen(Collection<String> eventIds, Instant now) {
        long nowSeconds = now.getEpochSecond();
        return BatchGet.get(dynamo, table, KEY, eventIds).entrySet().stream()
                .filter(entry -> DynamoAttributes.longValue(entry.getValue(), TTL_ATTRIBUTE) > nowSeconds)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Records ids as processed until now + TTL. */
    public void remember(Collection<String> eventIds, Instant now) {
        long expiresAt = now.plus(ttl).getEpochSecond();
        List<WriteRequest> writes = new ArrayList<>();
        for (String eventId : eventIds) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(Map.of(KEY, s(eventId), TTL_ATTRIBUTE, n(expiresAt))).build()).build());
        }

        for (int start = 0; start < writes.size(); start += MAX_WRITES_PER_CALL) {
            Map<String, List<WriteRequest>> request =
                    Map.of(table, writes.subList(start, Math.min(start + MAX_WRITES_PER_CALL, writes.size())));
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("BatchWriteItem on " + table + " left writes unprocessed after "
                            + MAX_ATTEMPTS + " attempts; the table is throttled");
                }
                Map<String, List<WriteRequest>> pending = request;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(pending));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!request.isEmpty()) {
                    Backoff.sleep(attempt);
                }
            }
        }
    }
}
