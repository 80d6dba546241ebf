package dev.streamrank.state;

import static dev.streamrank.state.DynamoAttributes.counters;
import static dev.streamrank.state.DynamoAttributes.longValue;
import static dev.streamrank.state.DynamoAttributes.n;
import static dev.streamrank.state.DynamoAttributes.s;
import static dev.streamrank.state.DynamoAttributes.string;
import static dev.streamrank.state.DynamoAttributes.vector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The users table: one item per user, key {@code userId} (string).
 *
 * <p>Writes are whole-item puts guarded by the {@code revision} attribute, so two writers (the
 * preprocess and update functions) never lose each other's changes: the loser re-reads and
 * re-applies. Thread-safe when the client is.
 */
public final class UserStateTable {

    static final String KEY = "userId";

    private final DynamoDbClient dynamo;
    private final String table;

    public UserStateTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String tableName() {
        return table;
    }

    /** Reads one user with a consistent read; a user never seen gets {@link UserState#empty}. */
    public UserState get(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(KEY, s(userId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? UserState.empty(userId) : decode(item);
    }

    /** Reads many users; users never seen get {@link UserState#empty}. */
    public Map<String, UserState> getAll(Collection<String> userIds) {
        Map<String, Map<String, AttributeValue>> found = BatchGet.get(dynamo, table, KEY, userIds);
        Map<String, UserState> states = new HashMap<>();
        for (String userId : userIds) {
            Map<String, AttributeValue> item = found.get(userId);
            states.put(userId, item == null ? UserState.empty(userId) : decode(item));
        }
        return states;
    }

    /**
     * Writes {@code next} if the stored revision still equals {@code next.revision()}, storing
     * revision + 1.
     *
     * @return true when written, false when another writer got there first (re-read and retry)
     */
    public boolean putIfUnchanged(UserState next) {
        PutItemRequest.Builder request = PutItemRequest.builder().tableName(table).item(encode(next));
        if (next.isNew()) {
            request.conditionExpression("attribute_not_exists(userId)");
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

    static Map<String, AttributeValue> encode(UserState state) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(state.userId()));

        List<AttributeValue> recent = new ArrayList<>(state.recent().size());
        for (RecentInteraction entry : state.recent()) {
            recent.add(AttributeValue.fromM(Map.of(
                    "e", s(entry.eventId()),
                    "i", s(entry.itemId()),
                    "t", s(entry.type()),
                    "ts", n(entry.timestampMillis()))));
        }
        item.put("recent", AttributeValue.fromL(recent));
        item.put("counters", counters(state.counters()));
        item.put("firstSeen", n(state.firstSeenMillis()));
        item.put("lastSeen", n(state.lastSeenMillis()));
        if (state.onlineVector().length > 0) {
            item.put("online", vector(state.onlineVector()));
        }
        if (state.onlineModelVersion() != null) {
            item.put("onlineModelVersion", s(state.onlineModelVersion()));
        }
        item.put("revision", n(state.revision() + 1));
        return item;
    }

    static UserState decode(Map<String, AttributeValue> item) {
        List<RecentInteraction> recent = new ArrayList<>();
        AttributeValue list = item.get("recent");
        if (list != null && list.hasL()) {
            for (AttributeValue entry : list.l()) {
                Map<String, AttributeValue> fields = entry.m();
                recent.add(new RecentInteraction(fields.get("e").s(), fields.get("i").s(), fields.get("t").s(),
                        Long.parseLong(fields.get("ts").n())));
            }
        }
        return new UserState(string(item, KEY), recent, counters(item, "counters"), longValue(item, "firstSeen"),
                longValue(item, "lastSeen"), vector(item, "online"), string(item, "onlineModelVersion"),
                longValue(item, "revision"));
    }
}
