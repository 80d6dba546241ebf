package dev.streamrank.functions.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.streamrank.event.EventJson;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The record sent to the featurized stream for each accepted event. Its JSON form is the contract
 * with the consumers of that stream, such as the online update function.
 *
 * @param eventId     the event's id; consumers de-duplicate by it, because delivery is at least once
 * @param userId      the user, also the record's partition key
 * @param itemId      the item
 * @param type        event type wire name
 * @param timestamp   event time
 * @param value       the event's value (rating, dwell seconds); null when absent
 * @param signal      feedback signal, see {@code dev.streamrank.feature.Signals#signal}; negative for
 *                    negative feedback
 * @param preceding   the user's positive items just before this event, nearest first
 * @param itemHeat    the item's decayed popularity after this batch; null when this attempt did not
 *                    write the item
 * @param itemHeatAt  event time {@code itemHeat} refers to; null together with {@code itemHeat}
 */
public record FeaturizedEvent(
        String eventId,
        String userId,
        String itemId,
        String type,
        Instant timestamp,
        Double value,
        double signal,
        List<String> preceding,
        Double itemHeat,
        Instant itemHeatAt) {

    public FeaturizedEvent {
        preceding = List.copyOf(preceding);
    }

    public byte[] toBytes() {
        try {
            return EventJson.MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
