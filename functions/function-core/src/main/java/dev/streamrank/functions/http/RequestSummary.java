package dev.streamrank.functions.http;

import org.slf4j.MDC;

/**
 * Facts of one invocation that only the route handler has, for the summary log line.
 * Not thread-safe: one instance per invocation.
 */
public final class RequestSummary {

    static final String USER_ID = "userId";

    private String userId;
    private Integer candidateCount;
    private String modelVersion;

    /** Records the user the request is for; also set in the MDC so every later log line carries it. */
    public void userId(String value) {
        this.userId = value;
        if (value != null) {
            MDC.put(USER_ID, value);
        }
    }

    /** Records how many candidate items the request scored. */
    public void candidateCount(int value) {
        this.candidateCount = value;
    }

    /** Records the model version that produced the response. */
    public void modelVersion(String value) {
        this.modelVersion = value;
    }

    String userId() {
        return userId;
    }

    Integer candidateCount() {
        return candidateCount;
    }

    String modelVersion() {
        return modelVersion;
    }
}
