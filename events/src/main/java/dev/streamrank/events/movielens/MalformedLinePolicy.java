package dev.streamrank.events.movielens;

/** Handling of a line a reader cannot convert. With either policy the line is never dropped silently. */
public enum MalformedLinePolicy {
    /** Stop at the first bad line with a {@link MalformedLineException} naming file, line and reason. */
    FAIL_FAST,
    /** Count and record the bad line in the {@link MalformedLineReport}, log it, and go on. */
    SKIP_AND_REPORT
}
