package dev.streamrank.functions.http;

/**
 * One invalid part of a request, as listed in a problem document's {@code errors} array.
 *
 * @param field  where the value sits: a query parameter, a path parameter or a JSON path such as
 *               {@code candidates[3]}
 * @param value  the value found, abbreviated; null when the field is missing
 * @param detail what is wrong, naming the rule
 * @param fix    what the caller should send instead
 */
public record FieldViolation(String field, String value, String detail, String fix) {

    /** Maximum length of an echoed value, in characters; a caller who sent a megabyte does not need it back. */
    static final int MAX_ECHOED_VALUE = 80;

    public FieldViolation {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("a field violation needs the field name");
        }
        value = abbreviate(value);
    }

    /** Shortens a value to at most {@value #MAX_ECHOED_VALUE} characters, marking the cut with "...". */
    public static String abbreviate(String value) {
        if (value == null || value.length() <= MAX_ECHOED_VALUE) {
            return value;
        }
        return value.substring(0, MAX_ECHOED_VALUE - 3) + "...";
    }
}
