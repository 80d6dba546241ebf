package dev.streamrank.local.demo;

import java.util.List;

/**
 * The part of a rank function response the demo prints.
 *
 * @param userId       the user
 * @param strategy     personalized or popularity
 * @param modelVersion what produced the scores
 * @param items        ranked items, best first
 */
record Ranking(String userId, String strategy, String modelVersion, List<Item> items) {

    /**
     * One ranked item.
     *
     * @param itemId the item
     * @param title  catalog title, or the item id when the response has none
     * @param score  the ranking score, comparable only within this ranking
     */
    record Item(String itemId, String title, double score) {
    }
}
