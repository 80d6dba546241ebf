package dev.streamrank.state;

/**
 * One entry of a user's recent-item sequence.
 *
 * @param eventId         the event that produced the entry; lets a retried batch recognise events it
 *                        has already applied
 * @param itemId          the item
 * @param type            event type wire name
 * @param timestampMillis event time in epoch milliseconds
 */
public record RecentInteraction(String eventId, String itemId, String type, long timestampMillis) {
}
