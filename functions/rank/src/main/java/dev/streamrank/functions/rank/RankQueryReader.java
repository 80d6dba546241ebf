package dev.streamrank.functions.rank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.functions.http.FieldViolation;
import dev.streamrank.functions.http.HttpRequest;
import dev.streamrank.functions.http.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes and validates the two ranking routes' requests. Collects every violation before
 * raising, so a caller fixes all of them in one round trip.
 */
final class RankQueryReader {

    static final int DEFAULT_K = 10;
    static final int MAX_K = 1000;
    static final int MAX_CANDIDATES = 1000;
    static final int MAX_EXCLUDE = 1000;
    static final int MAX_ID_LENGTH = InteractionParser.MAX_ID_LENGTH;

    private static final Set<String> QUERY_PARAMETERS = Set.of("k", "exclude");
    private static final Set<String> BODY_FIELDS = Set.of("userId", "candidates", "k", "exclude");

    private RankQueryReader() {
    }

    /**
     * Reads {@code GET /users/{userId}/recommendations?k=10&exclude=a,b}.
     *
     * @throws InvalidRequestException listing every invalid parameter
     */
    static RankQuery recommendations(HttpRequest request) {
        List<FieldViolation> violations = new ArrayList<>();

        for (String name : request.queryParameters().keySet()) {
            if (!QUERY_PARAMETERS.contains(name)) {
                violations.add(new FieldViolation(name, request.queryParameter(name),
                        "unknown query parameter '" + FieldViolation.abbreviate(name) + "'",
                        "use only the query parameters k and exclude"));
            }
        }

        String userId = checkId("userId", request.pathParameter("userId"), violations);
        int k = parseK(request.queryParameter("k"), violations);

        Set<String> exclude = new LinkedHashSet<>();
        String excludeText = request.queryParameter("exclude");
        if (excludeText != null) {
            String[] entries = excludeText.split(",", -1);
            if (entries.length > MAX_EXCLUDE) {
                violations.add(new FieldViolation("exclude", excludeText, "exclude lists " + entries.length
                        + " item ids, more than " + MAX_EXCLUDE, "send at most " + MAX_EXCLUDE + " item ids"));
            } else {
                for (int i = 0; i < entries.length; i++) {
                    String itemId = checkId("exclude[" + i + "]", entries[i], violations);
                    if (itemId != null) {
                        exclude.add(itemId);
                    }
                }
            }
        }

        throwIfAny(violations);
        return new RankQuery(userId, null, k, exclude);
    }

    /**
     * Reads the JSON body of {@code POST /rank}.
     *
     * @throws InvalidRequestException listing every invalid field
     */
    static RankQuery rerank(JsonNode body) {
        if (!body.isObject()) {
            String found = body.getNodeType().name().toLowerCase(Locale.ROOT);
            throw InvalidRequestException.invalid(List.of(new FieldViolation("(body)", found,
                    "the request body must be a JSON object, found " + found,
                    "send {\"userId\": \"...\", \"candidates\": [\"...\"], \"k\": 10}")));
        }

        List<FieldViolation> violations = new ArrayList<>();
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!BODY_FIELDS.contains(name)) {
                violations.add(new FieldViolation(name, body.get(name).toString(), "unknown field '"
                        + FieldViolation.abbreviate(name) + "'", "use only the fields userId, candidates, k and exclude"));
            }
        }

        String userId = jsonId("userId", body.get("userId"), violations);
        List<String> candidates = idList("candidates", body.get("candidates"), MAX_CANDIDATES, true, violations);
        int k = jsonK(body.get("k"), violations);
        List<String> exclude = idList("exclude", body.get("exclude"), MAX_EXCLUDE, false, violations);

        throwIfAny(violations);
        return new RankQuery(userId, candidates, k, new LinkedHashSet<>(exclude));
    }

    private static int parseK(String text, List<FieldViolation> violations) {
        if (text == null) {
            return DEFAULT_K;
        }
        try {
            int k = Integer.parseInt(text.trim());
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same message as an out-of-range number.
        }
        violations.add(kViolation(text));
        return DEFAULT_K;
    }

    private static int jsonK(JsonNode node, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            return DEFAULT_K;
        }
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 1 && node.intValue() <= MAX_K) {
            return node.intValue();
        }
        violations.add(kViolation(node.toString()));
        return DEFAULT_K;
    }

    private static FieldViolation kViolation(String value) {
        return new FieldViolation("k", value, "k must be an integer from 1 to " + MAX_K + ", found '"
                + FieldViolation.abbreviate(value) + "'",
                "send k between 1 and " + MAX_K + ", or leave it out for " + DEFAULT_K);
    }

    private static String jsonId(String field, JsonNode node, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation(field, null, "missing required field '" + field + "'",
                    "send '" + field + "' as a string of 1-" + MAX_ID_LENGTH + " characters"));
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new FieldViolation(field, node.toString(), "'" + field + "' must be a string, found "
                    + FieldViolation.abbreviate(node.toString()), "send '" + field + "' as a JSON string"));
            return null;
        }
        return checkId(field, node.textValue(), violations);
    }

    private static List<String> idList(String field, JsonNode node, int maxSize, boolean required,
            List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            if (required) {
                violations.add(new FieldViolation(field, null, "missing required field '" + field + "'",
                        "send '" + field + "' as an array of 1-" + maxSize + " item ids"));
            }
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(new FieldViolation(field, node.toString(), "'" + field + "' must be an array of item ids,"
                    + " found " + FieldViolation.abbreviate(node.toString()), "send '" + field
                    + "' as a JSON array of strings"));
            return List.of();
        }
        if (required && node.isEmpty()) {
            violations.add(new FieldViolation(field, "[]", "'" + field + "' is empty",
                    "send at least one item id"));
            return List.of();
        }
        if (node.size() > maxSize) {
            violations.add(new FieldViolation(field, null, "'" + field + "' has " + node.size()
                    + " entries, more than " + maxSize, "send at most " + maxSize + " item ids per request"));
            return List.of();
        }

        List<String> ids = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String id = jsonId(field + "[" + i + "]", node.get(i), violations);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Returns the id when valid, or null after recording the violation. */
    private static String checkId(String field, String value, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation(field, null, "missing " + field,
                    "send " + field + " as 1-" + MAX_ID_LENGTH + " characters"));
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            violations.add(new FieldViolation(field, value, field + " must be 1-" + MAX_ID_LENGTH
                    + " characters, found " + value.length() + " ('" + FieldViolation.abbreviate(value) + "')",
                    "send " + field + " as 1-" + MAX_ID_LENGTH + " characters"));
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                violations.add(new FieldViolation(field, value, field + " contains a control character at index "
                        + i, "remove control characters from " + field));
                return null;
            }
        }
        return value;
    }

    private static void throwIfAny(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw InvalidRequestException.invalid(violations);
        }
    }
}
