package dev.streamrank.training.eval;

/**
 * Hit rate and NDCG at 10 averaged over users.
 *
 * @param hr10   share of users whose target ranks in the top 10
 * @param ndcg10 mean of 1 / log2(rank + 2) for targets in the top 10 (rank from 0), else 0
 * @param users  number of users averaged
 */
public record Metrics(double hr10, double ndcg10, int users) {
}
