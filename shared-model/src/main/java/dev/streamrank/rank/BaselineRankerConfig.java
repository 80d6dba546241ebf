package dev.streamrank.rank;

/**
 * Settings of the {@link BaselineRanker}. Defaults are stated once, in {@link #defaults()}.
 *
 * @param popularityWeight  share of popularity in a personalized score, in [0, 1]; the rest is
 *                          co-occurrence
 * @param historyWindow     how many of the user's most recent distinct positive items take part
 * @param recencyHalfLife   how many positions back a recent item's weight halves; the most recent
 *                          item weighs 1
 * @param maxReasons        how many contributing items an explanation lists
 */
public record BaselineRankerConfig(double popularityWeight, int historyWindow, double recencyHalfLife,
        int maxReasons) {

    public BaselineRankerConfig {
        if (!(popularityWeight >= 0 && popularityWeight <= 1)) {
            throw new IllegalArgumentException("popularityWeight must be in [0, 1] (given " + popularityWeight + ")");
        }
        if (historyWindow < 1) {
            throw new IllegalArgumentException("historyWindow must be at least 1 (given " + historyWindow + ")");
        }
        if (!(recencyHalfLife > 0) || Double.isInfinite(recencyHalfLife)) {
            throw new IllegalArgumentException("recencyHalfLife must be a positive number of positions (given "
                    + recencyHalfLife + ")");
        }
        if (maxReasons < 0) {
            throw new IllegalArgumentException("maxReasons must not be negative (given " + maxReasons + ")");
        }
    }

    /**
     * Returns the defaults: 20 % popularity, the last 50 positive items, a half-life of 5 positions
     * (so the last few interactions dominate, as a real-time ranking should), 3 reasons.
     */
    public static BaselineRankerConfig defaults() {
        return new BaselineRankerConfig(0.2, 50, 5.0, 3);
    }
}
