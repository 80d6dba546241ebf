package dev.streamrank.functions.rank;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrank.event.EventJson;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.functions.http.HttpApi;
import dev.streamrank.functions.http.HttpRequest;
import dev.streamrank.functions.http.HttpResponses;
import dev.streamrank.functions.http.JsonBody;
import dev.streamrank.functions.http.RequestSummary;
import dev.streamrank.functions.http.Route;
import dev.streamrank.functions.http.Router;
import dev.streamrank.rank.BaselineRanker;
import dev.streamrank.state.ItemStateTable;
import dev.streamrank.state.UserStateTable;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The rank function behind API Gateway (HTTP API, payload format 2.0).
 *
 * <p>Routes: {@code GET /users/{userId}/recommendations} (top k of the catalog),
 * {@code POST /rank} (re-rank a supplied list) and {@code GET /health}. The OpenAPI document
 * {@code openapi.yaml} next to this class's resources describes them. Thread-safe.
 */
public final class RankHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Largest accepted request body: 1000 candidates of 128 characters fit with room to spare. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final RankService service;
    private final HttpApi api;

    /** Used by Lambda: configuration from the process environment. */
    public RankHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public RankHandler(FunctionEnvironment environment) {
        RankSettings settings = RankSettings.from(environment);
        DynamoDbClient dynamo = environment.clients().dynamoDb();
        CatalogCache catalog = new CatalogCache(new ItemStateTable(dynamo, environment.resources().itemsTable()),
                environment.features().heatHalfLife(), settings.catalogRefresh(), Clock.systemUTC());
        this.service = new RankService(new UserStateTable(dynamo, environment.resources().usersTable()), catalog,
                new BaselineRanker(settings.ranker(), environment.features().eventTypes()));

        this.api = new HttpApi(new Router(List.of(
                new Route("GET", "/users/{userId}/recommendations", this::recommendations),
                new Route("POST", "/rank", this::rerank),
                new Route("GET", "/health", this::health))));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context);
    }

    /** The routes this handler serves. */
    public Router router() {
        return api.router();
    }

    private APIGatewayV2HTTPResponse recommendations(HttpRequest request, RequestSummary summary) {
        RankQuery query = RankQueryReader.recommendations(request);
        summary.userId(query.userId());
        return respond(service.rank(query), summary);
    }

    private APIGatewayV2HTTPResponse rerank(HttpRequest request, RequestSummary summary) {
        RankQuery query = RankQueryReader.rerank(JsonBody.read(request, MAX_BODY_BYTES));
        summary.userId(query.userId());
        return respond(service.rank(query), summary);
    }

    private APIGatewayV2HTTPResponse health(HttpRequest request, RequestSummary summary) {
        RankService.Health health = service.health();
        summary.modelVersion(health.modelVersion());

        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.put("status", health.degraded() ? "degraded" : "ok");
        body.put("modelVersion", health.modelVersion());
        body.put("catalogSize", health.catalogSize());
        body.put("catalogLoadedAt", health.catalogLoadedAt());
        body.put("degraded", health.degraded());
        return HttpResponses.json(200, body);
    }

    private static APIGatewayV2HTTPResponse respond(RankService.RankResult result, RequestSummary summary) {
        summary.candidateCount(result.ranking().candidateCount());
        summary.modelVersion(result.ranking().modelVersion());
        return HttpResponses.json(200, RankingJson.toJson(result.ranking(), result.degraded()));
    }
}
