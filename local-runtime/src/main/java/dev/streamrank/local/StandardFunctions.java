package dev.streamrank.local;

import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.functions.ingest.IngestHandler;
import dev.streamrank.functions.preprocess.PreprocessHandler;
import dev.streamrank.functions.rank.RankHandler;
import java.util.List;

/**
 * The StreamRank functions as the CDK app deploys them: which handler runs on which stream or route.
 * A further stream function (the update function on the featurized stream) is one more
 * {@code withStreamFunction} line here.
 */
public final class StandardFunctions {

    public static final String PREPROCESS = "streamrank-preprocess";
    public static final String INGEST = "streamrank-ingest";
    public static final String RANK = "streamrank-rank";

    /** The rank function's routes; every other request goes to it too, so its own 404 and 405 responses apply. */
    static final List<String> RANK_ROUTES = List.of("GET /users/{userId}/recommendations", "POST /rank",
            "GET /health", "$default");
    static final List<String> INGEST_ROUTES = List.of("POST /events");

    private StandardFunctions() {
    }

    public static LocalFunctions all() {
        return LocalFunctions.none()
                .withStreamFunction(PREPROCESS, StreamRankResources::interactionsStream, PreprocessHandler::new)
                .withHttpFunction(INGEST, INGEST_ROUTES, IngestHandler::new)
                .withHttpFunction(RANK, RANK_ROUTES, RankHandler::new);
    }
}
