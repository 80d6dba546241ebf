package dev.streamrank.feature;

/**
 * Exponentially decayed popularity in event time.
 *
 * <p>heat(T) = sum of attention(e) * 2^(-(T - t_e) / halfLife). The stored pair (heat, heatAt) is
 * the value at time heatAt; comparing items needs no common clock because {@link #logScore} moves
 * every item to the same reference time in log space, where the reference time cancels out.
 */
public final class Heat {

    private Heat() {
    }

    /**
     * Adds one event to a stored heat value and returns the new pair.
     *
     * @param heat        stored heat
     * @param heatAt      time the stored heat refers to, epoch ms (0 when the item is new)
     * @param attention   the event's contribution, at least 0
     * @param eventAt     event time, epoch ms; may be earlier than heatAt (a late event)
     * @param halfLifeMs  half-life in milliseconds
     */
    public static double[] add(double heat, long heatAt, double attention, long eventAt, long halfLifeMs) {
        if (heat <= 0 || heatAt == 0) {
            return new double[] {attention, eventAt};
        }
        if (eventAt >= heatAt) {
            double decayed = heat * Math.pow(2, -(double) (eventAt - heatAt) / halfLifeMs);
            return new double[] {decayed + attention, eventAt};
        }
        double lateContribution = attention * Math.pow(2, -(double) (heatAt - eventAt) / halfLifeMs);
        return new double[] {heat + lateContribution, heatAt};
    }

    /**
     * Returns log2 of the heat moved to a shared reference time, up to a constant shared by all
     * items. Larger is hotter; an item without heat gets negative infinity.
     */
    public static double logScore(double heat, long heatAt, long halfLifeMs) {
        if (heat <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(heat) / Math.log(2) + (double) heatAt / halfLifeMs;
    }
}
