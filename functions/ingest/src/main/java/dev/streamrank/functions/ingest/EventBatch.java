package dev.streamrank.functions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.event.Interaction;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.event.InvalidEventException;
import dev.streamrank.functions.http.FieldViolation;
import dev.streamrank.functions.http.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The events of one {@code POST /events} request, split into valid and rejected ones.
 *
 * @param received how many events the request held
 * @param accepted the valid events in request order
 * @param rejected the invalid events with their index in the request and the reason
 */
record EventBatch(int received, List<Interaction> accepted, List<Rejection> rejected) {

    static final int MAX_EVENTS = 500;

    /**
     * One invalid event.
     *
     * @param index  position in the request, 0-based; 0 for a request with a single object
     * @param field  the offending field, or {@code (record)} when the event is not an object
     * @param reason what is wrong, naming the value and the rule
     */
    record Rejection(int index, String field, String reason) {
    }

    /**
     * Validates a request body: one event object, or an array of 1-{@value #MAX_EVENTS} of them.
     *
     * @throws InvalidRequestException when the body is neither, or when no event is valid
     */
    static EventBatch parse(JsonNode body, InteractionParser parser) {
        List<JsonNode> events = events(body);

        List<Interaction> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            try {
                accepted.add(parser.parse(events.get(index)));
            } catch (InvalidEventException e) {
                rejected.add(new Rejection(index, e.field(), e.getMessage()));
            }
        }

        if (accepted.isEmpty()) {
            throw InvalidRequestException.invalid(rejected.stream()
                    .map(rejection -> new FieldViolation("events[" + rejection.index() + "]." + rejection.field(),
                            valueOf(events.get(rejection.index()), rejection.field()), rejection.reason(),
                            "correct event " + rejection.index() + " and send it again"))
                    .toList());
        }
        return new EventBatch(events.size(), accepted, rejected);
    }

    private static List<JsonNode> events(JsonNode body) {
        if (body.isObject()) {
            return List.of(body);
        }
        if (!body.isArray()) {
            String found = body.getNodeType().name().toLowerCase(Locale.ROOT);
            throw InvalidRequestException.invalid(List.of(new FieldViolation("(body)", found,
                    "the request body must be an event object or an array of events, found " + found,
                    "send one event object or a JSON array of 1-" + MAX_EVENTS + " events")));
        }
        if (body.isEmpty() || body.size() > MAX_EVENTS) {
            throw InvalidRequestException.invalid(List.of(new FieldViolation("(body)",
                    "array of " + body.size(), "the request holds " + body.size() + " events; between 1 and "
                    + MAX_EVENTS + " are accepted", "send 1-" + MAX_EVENTS + " events per request")));
        }

        List<JsonNode> events = new ArrayList<>(body.size());
        body.forEach(events::add);
        return events;
    }

    /** Returns the offending value for the problem document, or null when the field is absent. */
    private static String valueOf(JsonNode event, String field) {
        JsonNode value = event.isObject() ? event.get(field) : event;
        if (value == null || value.isMissingNode()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
