package dev.streamrank.training.model;

import java.util.List;

/** Builds left-padded int64 windows of item sequences, the layout of the model input. */
public final class SequenceBatch {

    private SequenceBatch() {
    }

    /**
     * Writes the last {@code maxLen} items of {@code history} right-aligned into {@code row} of a
     * [rows, maxLen] row-major buffer; earlier cells stay 0 (padding).
     */
    public static void leftPad(int[] history, int from, int to, int maxLen, long[] buffer, int row) {
        int length = Math.min(to - from, maxLen);
        int offset = row * maxLen + maxLen - length;
        int start = to - length;
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = history[start + i];
        }
    }

    /** Returns the histories as one left-padded [histories, maxLen] buffer. */
    public static long[] leftPadAll(List<int[]> histories, int maxLen) {
        long[] buffer = new long[histories.size() * maxLen];
        for (int row = 0; row < histories.size(); row++) {
            int[] history = histories.get(row);
            leftPad(history, 0, history.length, maxLen, buffer, row);
        }
        return buffer;
    }
}
