package dev.streamrank.training.step;

import dev.streamrank.artifact.ItemVocabulary;
import dev.streamrank.training.data.LeaveOneOutSplit;
import dev.streamrank.training.eval.PopularityScorer;
import dev.streamrank.training.eval.RankingCase;
import java.util.ArrayList;
import java.util.List;

/**
 * The test cases of a leave-one-out split, in the index space of a model's vocabulary: the data
 * numbers items in its own order of first appearance, the model in the order of the data it was
 * trained on, so every item id goes through the model's {@link ItemVocabulary}.
 *
 * <p>A model can score only the items it was trained on. A user whose test item is unknown to
 * the model is skipped and counted. Unknown items in a history are dropped from the model's input
 * and counted too. On the training data itself the mapping is the identity and nothing is skipped.
 *
 * @param itemCount           the model's item count N; rankings run over its whole catalog
 * @param test                one case per user whose test item is in the model's vocabulary, in the data's user order:
 *                            training items plus the validation item as input, the same items excluded
 * @param popularity          item counts over the training sequences of every user plus the validation items
 * @param usersSkipped        users with held-out items whose test item is unknown to the model
 * @param historyItemsUnknown history items of the evaluated users dropped because the model does not know them
 * @param dataItemsUnknown    distinct items of the data that the model's vocabulary lacks
 */
public record EvaluationCases(int itemCount, List<RankingCase> test, PopularityScorer popularity, int usersSkipped,
        long historyItemsUnknown, int dataItemsUnknown) {

    /** Maps the split of {@code data} into the model's item indices. */
    public static EvaluationCases of(PreparedData data, ItemVocabulary vocabulary) {
        List<String> dataItemIds = data.dataset().itemIds();
        int[] modelIndex = new int[dataItemIds.size() + 1];
        int unknownItems = 0;
        for (int index = 1; index <= dataItemIds.size(); index++) {
            modelIndex[index] = vocabulary.indexOf(dataItemIds.get(index - 1)).orElse(0);
            if (modelIndex[index] == 0) {
                unknownItems++;
            }
        }

        LeaveOneOutSplit split = data.split();
        List<RankingCase> test = new ArrayList<>(split.evaluated().size());
        List<Integer> validationItems = new ArrayList<>(split.evaluated().size());
        int skipped = 0;
        long droppedHistoryItems = 0;
        for (LeaveOneOutSplit.HeldOut heldOut : split.evaluated()) {
            if (modelIndex[heldOut.validation()] != 0) {
                validationItems.add(modelIndex[heldOut.validation()]);
            }
            int target = modelIndex[heldOut.test()];
            if (target == 0) {
                skipped++;
                continue;
            }
            int[] history = heldOut.testHistory();
            int[] mapped = mapKnown(history, modelIndex);
            droppedHistoryItems += history.length - mapped.length;
            test.add(new RankingCase(mapped, target, mapped));
        }

        List<int[]> trainingSequences = split.training().stream().map(sequence -> mapKnown(sequence, modelIndex))
                .toList();
        PopularityScorer popularity = PopularityScorer.count(vocabulary.size(), trainingSequences,
                validationItems.stream().mapToInt(Integer::intValue).toArray());
        return new EvaluationCases(vocabulary.size(), test, popularity, skipped, droppedHistoryItems, unknownItems);
    }

    private static int[] mapKnown(int[] dataItems, int[] modelIndex) {
        return java.util.Arrays.stream(dataItems).map(item -> modelIndex[item]).filter(item -> item != 0).toArray();
    }
}
