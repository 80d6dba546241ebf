package dev.streamrank.rank;

import java.util.List;

/**
 * The parts of an item's score.
 *
 * @param cooccurrence co-occurrence with the user's recent items, in [0, 1], scaled so the strongest
 *                     candidate of the request has 1; 0 under the popularity strategy
 * @param popularity   the item's popularity in [0, 1]; 1 is the hottest item of the catalog
 * @param because      the user's recent items that contributed most to the co-occurrence,
 *                     strongest first; empty when none did
 */
public record Explanation(double cooccurrence, double popularity, List<String> because) {

    public Explanation {
        because = List.copyOf(because);
    }
}
