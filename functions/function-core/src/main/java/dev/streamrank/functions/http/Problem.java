package dev.streamrank.functions.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrank.event.EventJson;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * @param type     the kind of problem; gives {@code type}, {@code title} and {@code status}
 * @param detail   this occurrence, naming the value and the fix
 * @param instance the request path the problem occurred on
 * @param errors   the invalid fields, empty when the problem is not about fields; written as the
 *                 {@code errors} extension member
 */
public record Problem(ProblemType type, String detail, String instance, List<FieldViolation> errors) {

    public Problem {
        errors = List.copyOf(errors);
    }

    public ObjectNode toJson() {
        ObjectNode node = EventJson.MAPPER.createObjectNode();
        node.put("type", type.uri());
        node.put("title", type.title());
        node.put("status", type.status());
        node.put("detail", detail);
        if (instance != null) {
            node.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            ArrayNode list = node.putArray("errors");
            for (FieldViolation error : errors) {
                ObjectNode entry = list.addObject();
                entry.put("field", error.field());
                if (error.value() == null) {
                    entry.putNull("value");
                } else {
                    entry.put("value", error.value());
                }
                entry.put("detail", error.detail());
                entry.put("fix", error.fix());
            }
        }
        return node;
    }
}
