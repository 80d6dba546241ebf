package dev.streamrank.rank;

import java.util.Locale;

/** How a ranking was produced; sent to clients in lower case. */
public enum RankingStrategy {
    /** From the user's own history. */
    PERSONALIZED,
    /** From item popularity alone, because there was no usable personal signal. */
    POPULARITY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
