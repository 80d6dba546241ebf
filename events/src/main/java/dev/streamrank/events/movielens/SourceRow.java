package dev.streamrank.events.movielens;

import java.util.List;

/**
 * One record of a source file split into fields, with where it starts.
 *
 * @param line   1-based line the record starts on
 * @param fields the fields in column order, unquoted
 */
record SourceRow(long line, List<String> fields) {

    String field(int index) {
        return fields.get(index);
    }

    int size() {
        return fields.size();
    }
}
