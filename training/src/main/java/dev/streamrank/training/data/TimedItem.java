package dev.streamrank.training.data;

/**
 * One interaction as training reads it: who, what, when, and where it came in the input.
 *
 * @param userId        user id as in the source
 * @param itemId        item id as in the source
 * @param epochMillis   event time in epoch milliseconds
 * @param arrival       position in the input (file order, then line order); breaks timestamp ties
 */
public record TimedItem(String userId, String itemId, long epochMillis, long arrival) {
}
