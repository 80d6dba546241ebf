package dev.streamrank.training.eval;

/**
 * One evaluation case: the input history, the held-out target, and the items to exclude from the
 * ranking.
 *
 * @param history  input item indices, oldest first
 * @param target   the held-out item index
 * @param excluded items the user interacted with before the target (the target itself is never
 *                 excluded, even when the user saw it before)
 */
public record RankingCase(int[] history, int target, int[] excluded) {
}
