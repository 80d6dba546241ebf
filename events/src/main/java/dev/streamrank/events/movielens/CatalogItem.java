package dev.streamrank.events.movielens;

import java.util.List;
import java.util.Objects;

/**
 * One catalog entry: the metadata the ranking shows next to an item id.
 *
 * @param itemId the item id as events carry it (the MovieLens movie id as a string)
 * @param title  display title, for example {@code American President, The (1995)}
 * @param genres genre names in source order; empty when the source lists none
 */
public record CatalogItem(String itemId, String title, List<String> genres) {

    public CatalogItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(title, "title");
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException("itemId must not be empty");
        }
        genres = genres == null ? List.of() : List.copyOf(genres);
    }
}
