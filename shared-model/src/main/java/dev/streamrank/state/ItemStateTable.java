package dev.streamrank.state;

import static dev.streamrank.state.DynamoAttributes.counters;
import static dev.streamrank.state.DynamoAttributes.doubleValue;
import static dev.streamrank.state.DynamoAttributes.longValue;
import static dev.streamrank.state.DynamoAttributes.n;
import static dev.streamrank.state.DynamoAttributes.s;
import static dev.streamrank.state.DynamoAttributes.string;
import static dev.streamrank.state.DynamoAttributes.weights;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The items table: one item per catalog item, key {@code itemId} (string).
 *
 * <p>Like {@link UserStateTable}, writes are guarded by {@code revision}. Catalog imports use
 * {@link #upsertCatalog}, which bumps the revision too, so a concurrent state write re-reads instead
 * of overwriting the title. Thread-safe when the client is.
 */
public final class ItemStateTable {

    static final String KEY = "itemId";

    private final DynamoDbClient dynamo;
    private final String table;

    public ItemStateTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String tableName() {
        return table;
    }

    public ItemState get(String itemId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(KEY, s(itemId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? ItemState.empty(itemId) : decode(item);
    }

    /** Reads many items; items never seen get {@link ItemState#empty}. */
    public Map<String, ItemState> getAll(Collection<String> itemIds) {
        Map<String, Map<String, AttributeValue>> found = BatchGet.get(dynamo, table, KEY, itemIds);
        Map<String, ItemState> states = new HashMap<>();
        for (String itemId : itemIds) {
            Map<String, AttributeValue> item = found.get(itemId);
            states.put(itemId, item == null ? ItemState.empty(itemId) : decode(item));
        }
        return states;
    }

    /** Writes {@code next} if the stored revision is unchanged; false means re-read and retry. */
    public boolean putIfUnchanged(ItemState next) {
        PutItemRequest.Builder request = PutItemRequest.builder().tableName(table).item(encode(next));
        if (next.isNew()) {
            request.conditionExpression("attribute_not_exists(itemId)");
        } else {
            request.conditionExpression("revision = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(next.revision())));
        }

        try {
            dynamo.putItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Sets catalog metadata, creating the item when absent and leaving its counters alone. */
    public void upsertCatalog(String itemId, String title, List<String> genres) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":title", s(title));
        values.put(":genres", AttributeValue.fromL(genres.stream().map(DynamoAttributes::s).toList()));
        values.put(":one", n(1));
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(KEY, s(itemId)))
                .updateExpression("SET title = :title, genres = :genres ADD revision :one")
                .expressionAttributeValues(values));
    }

    /** Reads the whole table page by page. Meant for catalog snapshots, not for request paths. */
    public List<ItemState> scanAll() {
        List<ItemState> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                items.add(decode(item));
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    static Map<String, AttributeValue> encode(ItemState state) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(state.itemId()));
        item.put("heat", n(state.heat()));
        item.put("heatAt", n(state.heatAtMillis()));
        item.put("counters", counters(state.counters()));
        item.put("lastInteraction", n(state.lastInteractionMillis()));
        if (state.title() != null) {
            item.put("title", s(state.title()));
        }
        if (!state.genres().isEmpty()) {
            item.put("genres", AttributeValue.fromL(state.genres().stream().map(DynamoAttributes::s).toList()));
        }
        item.put("precededBy", weights(state.precededBy()));
        item.put("revision", n(state.revision() + 1));
        return item;
    }

    static ItemState decode(Map<String, AttributeValue> item) {
        List<String> genres = new ArrayList<>();
        AttributeValue list = item.get("genres");
        if (list != null && list.hasL()) {
            list.l().forEach(genre -> genres.add(genre.s()));
        }
        return new ItemState(string(item, KEY), doubleValue(item, "heat"), longValue(item, "heatAt"),
                counters(item, "counters"), longValue(item, "lastInteraction"), string(item, "title"), genres,
                weights(item, "precededBy"), longValue(item, "revision"));
    }
}
