package dev.streamrank.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** BatchGetItem over any number of keys: chunks of 100 (the service limit), unprocessed keys retried. */
final class BatchGet {

    static final int MAX_KEYS_PER_CALL = 100;
    private static final int MAX_ATTEMPTS = 8;

    private BatchGet() {
    }

    /** Returns the items found, keyed by their string key value. Missing keys are absent. */
    static Map<String, Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, String keyName,
            Collection<String> keys) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys.stream().distinct().toList());

        for (int start = 0; start < all.size(); start += MAX_KEYS_PER_CALL) {
            List<Map<String, AttributeValue>> chunk = new ArrayList<>();
            for (String key : all.subList(start, Math.min(start + MAX_KEYS_PER_CALL, all.size()))) {
                chunk.add(Map.of(keyName, AttributeValue.fromS(key)));
            }

            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("BatchGetItem on " + table + " left keys unprocessed after "
                            + MAX_ATTEMPTS + " attempts; the table is throttled");
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    found.put(item.get(keyName).s(), item);
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    Backoff.sleep(attempt);
                }
            }
        }
        return found;
    }
}
