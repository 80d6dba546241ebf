package dev.streamrank.local.demo;

import dev.streamrank.state.UserState;
import dev.streamrank.state.UserStateTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Picks the demo's three users from DynamoDB: a light, a typical and a heavy history. */
final class DemoUsers {

    private DemoUsers() {
    }

    /**
     * Returns up to three users ordered by history size: the 10th percentile, the median and the
     * largest, so the rankings show how history changes them.
     */
    static List<UserState> pick(DynamoDbClient dynamo, String usersTable) {
        List<String> userIds = scanUserIds(dynamo, usersTable);
        UserStateTable table = new UserStateTable(dynamo, usersTable);
        List<UserState> users = new ArrayList<>(table.getAll(userIds).values());
        users.removeIf(user -> user.totalInteractions() == 0);
        users.sort(Comparator.comparingLong(UserState::totalInteractions).thenComparing(UserState::userId));
        if (users.size() <= 3) {
            return users;
        }

        Set<UserState> picked = new LinkedHashSet<>();
        picked.add(users.get(users.size() / 10));
        picked.add(users.get(users.size() / 2));
        picked.add(users.get(users.size() - 1));
        return List.copyOf(picked);
    }

    private static List<String> scanUserIds(DynamoDbClient dynamo, String usersTable) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            var page = dynamo.scan(b -> b.tableName(usersTable).projectionExpression("userId").exclusiveStartKey(from));
            page.items().forEach(item -> ids.add(item.get("userId").s()));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return ids;
    }
}
