package dev.streamrank.training.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Leave-one-out split: each user's last interaction is the test target, the second-to-last the
 * validation target, and everything before is training data.
 *
 * <p>Users with fewer than three interactions have no held-out events: all of theirs are training
 * data and they are not evaluated, as in the SASRec reference. No test item ever reaches
 * {@link #training()}; validation items reach the test-time input history only.
 *
 * @param training  training sequence per user (parallel to the dataset's users)
 * @param evaluated users with a validation and a test target
 */
public record LeaveOneOutSplit(List<int[]> training, List<HeldOut> evaluated) {

    /** Minimum interactions for a user to be evaluated: one to train on, one to validate, one to test. */
    public static final int MIN_EVALUATED_LENGTH = 3;

    /**
     * A user's held-out targets.
     *
     * @param user       index into the dataset's users
     * @param history    training items, oldest first (the validation input)
     * @param validation validation target item
     * @param test       test target item; its input is history plus the validation item
     */
    public record HeldOut(int user, int[] history, int validation, int test) {

        /** Returns the input history for the test target: training items then the validation item. */
        public int[] testHistory() {
            int[] input = java.util.Arrays.copyOf(history, history.length + 1);
            input[history.length] = validation;
            return input;
        }
    }

    public static LeaveOneOutSplit of(SequenceDataset dataset) {
        List<int[]> training = new ArrayList<>(dataset.sequences().size());
        List<HeldOut> evaluated = new ArrayList<>();
        for (int user = 0; user < dataset.sequences().size(); user++) {
            int[] sequence = dataset.sequences().get(user);
            if (sequence.length < MIN_EVALUATED_LENGTH) {
                training.add(sequence);
                continue;
            }
            int[] history = java.util.Arrays.copyOf(sequence, sequence.length - 2);
            training.add(history);
            evaluated.add(new HeldOut(user, history, sequence[sequence.length - 2], sequence[sequence.length - 1]));
        }
        return new LeaveOneOutSplit(training, evaluated);
    }
}
