package dev.streamrank.local;

import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.functions.preprocess.PreprocessHandler;

/**
 * The StreamRank functions as the CDK app deploys them: which handler runs on which stream or route.
 */
public final class StandardFunctions {

    public static final String PREPROCESS = "streamrank-preprocess";
    public static final String INGEST = "streamrank-ingest";
    public static final String RANK = "streamrank-rank";

    private StandardFunctions() {
    }

    public static LocalFunctions all() {
        return LocalFunctions.none()
                .withStreamFunction(PREPROCESS, StreamRankResources::interactionsStream, PreprocessHandler::new);
    }
}
