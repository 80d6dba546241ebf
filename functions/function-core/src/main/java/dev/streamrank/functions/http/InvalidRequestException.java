package dev.streamrank.functions.http;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A request the caller must change before sending it again: malformed syntax or invalid values. */
public final class InvalidRequestException extends ApiException {

    private InvalidRequestException(ProblemType type, String detail, List<FieldViolation> violations,
            Throwable cause) {
        super(type, detail, violations, Map.of(), cause);
    }

    /** Creates the problem for a body that cannot be parsed at all (400, {@code malformed-request}). */
    public static InvalidRequestException malformed(String detail, Throwable cause) {
        return new InvalidRequestException(ProblemType.MALFORMED_REQUEST, detail, List.of(), cause);
    }

    /**
     * Creates the problem for well-formed values that break the API's rules (400, {@code invalid-request}). The detail joins
     * the violations' own details, so a client that only reads {@code detail} still reads each one.
     */
    public static InvalidRequestException invalid(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one violation");
        }
        String detail = violations.stream().map(FieldViolation::detail).collect(Collectors.joining("; "));
        return new InvalidRequestException(ProblemType.INVALID_REQUEST, detail, violations, null);
    }
}
