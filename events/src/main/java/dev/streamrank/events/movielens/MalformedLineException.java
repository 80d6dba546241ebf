package dev.streamrank.events.movielens;

/**
 * Thrown when a source line cannot be converted and the policy is {@link MalformedLinePolicy#FAIL_FAST},
 * or when the file cannot be read past the bad line at all (an unterminated CSV quote). Fix the file,
 * or rerun with {@link MalformedLinePolicy#SKIP_AND_REPORT} to convert the remaining lines.
 */
public final class MalformedLineException extends RuntimeException {

    private final transient MalformedLine malformedLine;

    public MalformedLineException(MalformedLine malformedLine) {
        super(malformedLine.toString());
        this.malformedLine = malformedLine;
    }

    public MalformedLineException(MalformedLine malformedLine, Throwable cause) {
        super(malformedLine.toString(), cause);
        this.malformedLine = malformedLine;
    }

    public MalformedLine malformedLine() {
        return malformedLine;
    }
}
