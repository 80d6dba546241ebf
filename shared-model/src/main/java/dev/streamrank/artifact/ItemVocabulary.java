package dev.streamrank.artifact;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.streamrank.event.EventJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The mapping itemId &harr; model index. Stored as a JSON array of item ids: the id at array
 * position p has index p + 1, because index 0 is the padding of {@code item_seq}. Immutable and
 * thread-safe.
 */
public final class ItemVocabulary {

    private final List<String> itemIds;
    private final Map<String, Integer> indices;

    public ItemVocabulary(List<String> itemIds) {
        this.itemIds = List.copyOf(itemIds);
        this.indices = new HashMap<>(itemIds.size() * 2);
        for (int position = 0; position < itemIds.size(); position++) {
            if (indices.put(itemIds.get(position), position + 1) != null) {
                throw new IllegalArgumentException("duplicate item id '" + itemIds.get(position)
                        + "' in the vocabulary at position " + position);
            }
        }
    }

    public static ItemVocabulary fromJson(byte[] json) throws IOException {
        return new ItemVocabulary(EventJson.MAPPER.readValue(json, new TypeReference<List<String>>() {
        }));
    }

    public byte[] toJson() throws IOException {
        return EventJson.MAPPER.writeValueAsBytes(itemIds);
    }

    /** Returns the index of an item id, or empty for an item the model never saw. */
    public OptionalInt indexOf(String itemId) {
        Integer index = indices.get(itemId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /** Returns the item id of index 1..N. */
    public String itemId(int index) {
        if (index < 1 || index > itemIds.size()) {
            throw new IndexOutOfBoundsException("item index must be in 1.." + itemIds.size() + ", found " + index);
        }
        return itemIds.get(index - 1);
    }

    /** Returns N, the number of real items. */
    public int size() {
        return itemIds.size();
    }
}
