package dev.streamrank.rank;

import java.util.Locale;

/** The source of a ranking's scores, sent to clients in lower case. */
public enum RankingStrategy {
    /** From the user's own history. */
    PERSONALIZED,
    /** From item popularity alone, because there was no usable personal signal. */
    POPULARITY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
