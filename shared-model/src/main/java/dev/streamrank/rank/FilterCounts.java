package dev.streamrank.rank;

import java.util.List;

/**
 * Counts of the candidates a ranking left out before scoring.
 *
 * @param consumed   candidates removed because the user already interacted with them
 * @param excluded   candidates removed because the caller excluded them (and the user had not
 *                   consumed them already)
 * @param duplicates repeated entries removed from a supplied candidate list
 * @param unknown    supplied candidates the catalog does not contain, in request order; always
 *                   empty for a top-k request
 */
public record FilterCounts(int consumed, int excluded, int duplicates, List<String> unknown) {

    public FilterCounts {
        unknown = List.copyOf(unknown);
    }
}
