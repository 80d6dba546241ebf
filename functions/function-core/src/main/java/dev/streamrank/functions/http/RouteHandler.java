package dev.streamrank.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Serves one route. Throws {@link ApiException} for every outcome that is a problem response. */
@FunctionalInterface
public interface RouteHandler {

    /**
     * Handles a request whose path matched this route.
     *
     * @param request the request, with the route's path parameters filled in
     * @param summary fields of the invocation's summary log line that only the handler can fill in
     */
    APIGatewayV2HTTPResponse handle(HttpRequest request, RequestSummary summary);
}
