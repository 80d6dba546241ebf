package dev.streamrank.functions.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fixed table of routes. Finds the route for a request, or raises the 404 or 405 problem.
 * Immutable and thread-safe.
 */
public final class Router {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("a router needs at least one route");
        }
        this.routes = List.copyOf(routes);
    }

    /** Returns the registered routes in registration order. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Returns the route for the request's method and path, with the request carrying the captured
     * path parameters.
     *
     * @throws ApiException 404 when no template matches the path, 405 (with {@code Allow}) when
     *                      templates match the path but none for this method
     */
    public Match match(HttpRequest request) {
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(request.path());
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return new Match(route, request.withPathParameters(parameters.get()));
            }
            allowed.add(route.method());
        }

        if (!allowed.isEmpty()) {
            throw ApiException.methodNotAllowed(request.method(), request.path(), allowed);
        }
        String available = routes.stream().map(Route::key).collect(Collectors.joining(", "));
        throw new ApiException(ProblemType.NOT_FOUND, "no route matches " + request.method() + " "
                + FieldViolation.abbreviate(request.path()) + "; available routes: " + available);
    }

    /**
     * A matched route.
     *
     * @param route   the route
     * @param request the request with the route's path parameters
     */
    public record Match(Route route, HttpRequest request) {
    }
}
