package dev.streamrank.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validated interaction event: a user did something to an item at a moment in time.
 *
 * <p>Instances are immutable and only come out of {@link InteractionParser} (or code that has already
 * validated the fields), so holders can rely on the event contract: ids are 1-128 characters, the
 * type is registered, {@code value} is finite when present, {@code context} is a flat string map.
 *
 * @param eventId     unique id; the de-duplication key
 * @param userId      the acting user; also the Kinesis partition key
 * @param itemId      the item acted on
 * @param type        wire name of the event type, for example {@code rating}
 * @param value       rating for {@code rating}, dwell seconds for {@code view}; null when absent
 * @param timestamp   when the interaction happened (event time, not arrival time)
 * @param sessionId   optional session id, null when absent
 * @param context     flat map of strings such as device or locale; empty when absent
 * @param impressions items shown alongside, the source of negatives; empty when absent
 */
public record Interaction(
        String eventId,
        String userId,
        String itemId,
        String type,
        Double value,
        Instant timestamp,
        String sessionId,
        Map<String, String> context,
        List<String> impressions) {

    public Interaction {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        context = context == null ? Map.of() : Map.copyOf(context);
        impressions = impressions == null ? List.of() : List.copyOf(impressions);
    }

    /** Creates an interaction with only the required fields and an optional value. */
    public static Interaction of(String eventId, String userId, String itemId, String type, Double value,
            Instant timestamp) {
        return new Interaction(eventId, userId, itemId, type, value, timestamp, null, Map.of(), List.of());
    }

    public long timestampMillis() {
        return timestamp.toEpochMilli();
    }
}
