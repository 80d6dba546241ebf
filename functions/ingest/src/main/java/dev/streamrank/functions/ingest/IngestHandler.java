package dev.streamrank.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrank.event.EventJson;
import dev.streamrank.event.InteractionParser;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.functions.http.HttpApi;
import dev.streamrank.functions.http.HttpRequest;
import dev.streamrank.functions.http.HttpResponses;
import dev.streamrank.functions.http.JsonBody;
import dev.streamrank.functions.http.RequestSummary;
import dev.streamrank.functions.http.Route;
import dev.streamrank.functions.http.Router;
import java.util.List;

/**
 * The ingest function behind API Gateway (HTTP API, payload format 2.0): {@code POST /events}
 * validates events and puts the valid ones on the interactions stream.
 *
 * <p>Answers 202 with the count of accepted events and the rejected ones by index; 400 when no
 * event is valid; 503 when the stream does not take them. Thread-safe.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Largest accepted body; keeps one request within PutRecords' 5 MiB limit. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final InteractionParser parser;
    private final StreamPublisher publisher;
    private final HttpApi api;

    /** Used by Lambda: configuration from the process environment. */
    public IngestHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public IngestHandler(FunctionEnvironment environment) {
        this.parser = new InteractionParser(environment.features().eventTypes());
        this.publisher = new StreamPublisher(environment.clients().kinesis(),
                environment.resources().interactionsStream());
        this.api = new HttpApi(new Router(List.of(new Route("POST", "/events", this::ingest))));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event, context);
    }

    /** The routes this handler serves. */
    public Router router() {
        return api.router();
    }

    private APIGatewayV2HTTPResponse ingest(HttpRequest request, RequestSummary summary) {
        EventBatch batch = EventBatch.parse(JsonBody.read(request, MAX_BODY_BYTES), parser);

        publisher.publish(batch.accepted());

        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.put("received", batch.received());
        body.put("accepted", batch.accepted().size());
        ArrayNode rejected = body.putArray("rejected");
        for (EventBatch.Rejection rejection : batch.rejected()) {
            rejected.addObject()
                    .put("index", rejection.index())
                    .put("field", rejection.field())
                    .put("reason", rejection.reason());
        }
        return HttpResponses.json(202, body);
    }
}
