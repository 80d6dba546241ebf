package dev.streamrank.rank;

/**
 * One entry of a ranking.
 *
 * @param itemId      the item
 * @param score       the blended score; comparable only within the same ranking
 * @param rank        position, 1 for the first item
 * @param title       catalog title, or null when no catalog was imported
 * @param explanation the parts of the score
 */
public record RankedItem(String itemId, double score, int rank, String title, Explanation explanation) {
}
