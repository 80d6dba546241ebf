package dev.streamrank.local.http;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamrank.local.lambda.LocalContext;
import dev.streamrank.local.lambda.LocalFunction;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An HTTP front on 127.0.0.1 that behaves like an API Gateway HTTP API with Lambda proxy
 * integrations (payload format 2.0): each request becomes an {@link APIGatewayV2HTTPEvent} for the
 * handler of its route, and the handler's {@link APIGatewayV2HTTPResponse} is written back.
 *
 * <p>The server responds by itself, with {@code application/problem+json}, when no route matches
 * (404), the body is over the limit (413, Lambda's 6 MB request payload by default), the handler
 * throws (500) or returns no usable response (502). It keeps serving after any of them.
 * Handlers run on a small fixed pool and must be thread-safe.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** Lambda's limit on a synchronous invocation payload. */
    public static final int DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;
    public static final int DEFAULT_THREADS = 4;

    private final List<Route> routes;
    private final int maxBodyBytes;
    private final HttpServer server;
    private final ExecutorService pool;

    private ApiServer(Builder builder) throws IOException {
        this.routes = List.copyOf(builder.routes);
        this.maxBodyBytes = builder.maxBodyBytes;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 0);
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(builder.threads, runnable -> {
            Thread thread = new Thread(runnable, "api-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.createContext("/", this::serve);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts accepting requests and returns this server. */
    public ApiServer start() {
        server.start();
        LOG.info("API listening on {} with routes {}", baseUrl(),
                routes.stream().map(route -> route.template().key()).collect(Collectors.joining(", ")));
        return this;
    }

    /** Returns the base URL, for example {@code http://127.0.0.1:8080}; the port is the bound one when 0 was asked for. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and stops the pool. */
    @Override
    public void close() {
        server.stop(1);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    private void serve(HttpExchange exchange) {
        Instant receivedAt = Instant.now();
        String requestId = RequestIds.next();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        MDC.put("requestId", requestId);
        try {
            Optional<Matched> matched = match(method, rawPath);
            if (matched.isEmpty()) {
                writeProblem(exchange, requestId, new ProblemResponse(404, "Not Found", "no route matches " + method
                        + " " + rawPath + "; routes: " + routeKeys()));
                return;
            }

            byte[] body = readBody(exchange);
            if (body == null) {
                writeProblem(exchange, requestId, new ProblemResponse(413, "Payload Too Large",
                        "request body is larger than " + maxBodyBytes + " bytes, the limit of a Lambda request payload;"
                                + " send fewer events per request"));
                return;
            }

            Route route = matched.get().route();
            APIGatewayV2HTTPEvent event = HttpEventFactory.create(exchange, route.template(),
                    matched.get().pathParameters(), body, requestId, receivedAt);
            invoke(exchange, route, event, requestId);
        } catch (IOException e) {
            LOG.info("connection for {} {} failed: {}", method, rawPath, e.toString());
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed in the server", method, rawPath, e);
            writeProblemQuietly(exchange, requestId, new ProblemResponse(500, "Internal Server Error",
                    "the local API failed: " + e));
        } finally {
            exchange.close();
            MDC.remove("requestId");
        }
    }

    private void invoke(HttpExchange exchange, Route route, APIGatewayV2HTTPEvent event, String requestId)
            throws IOException {
        LocalContext context = LocalContext.begin(route.function());
        MDC.put("functionName", route.function().name());
        MDC.put("awsRequestId", context.getAwsRequestId());
        APIGatewayV2HTTPResponse response;
        try {
            response = route.handler().handleRequest(event, context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            LOG.error("{} threw on {}", route.function().name(), route.template().key(), error);
            writeProblem(exchange, requestId, new ProblemResponse(500, "Internal Server Error",
                    route.function().name() + " failed: " + error.getClass().getSimpleName()
                            + "; see the log for the stack trace"));
            return;
        } finally {
            MDC.remove("functionName");
            MDC.remove("awsRequestId");
        }

        String invalid = HttpResponseWriter.validate(response);
        if (invalid != null) {
            LOG.error("{} returned an invalid response on {}: {}", route.function().name(), route.template().key(),
                    invalid);
            writeProblem(exchange, requestId, new ProblemResponse(502, "Bad Gateway",
                    route.function().name() + " returned an invalid response: " + invalid));
            return;
        }
        HttpResponseWriter.write(exchange, response, requestId);
    }

    /** Reads the body; returns null when it is over the limit. */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    return null;
                }
            } catch (NumberFormatException ignored) {
                // The JDK server has already rejected a malformed length; read and count instead.
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    private Optional<Matched> match(String method, String rawPath) {
        Route fallback = null;
        for (Route route : routes) {
            if (route.template().isDefault()) {
                fallback = route;
                continue;
            }
            if (!route.template().method().equals(method)) {
                continue;
            }
            Optional<Map<String, String>> parameters = route.template().match(rawPath);
            if (parameters.isPresent()) {
                return Optional.of(new Matched(route, parameters.get()));
            }
        }
        return fallback == null ? Optional.empty() : Optional.of(new Matched(fallback, Map.of()));
    }

    private String routeKeys() {
        return routes.stream().map(route -> route.template().key()).collect(Collectors.joining(", "));
    }

    private static void writeProblem(HttpExchange exchange, String requestId, ProblemResponse problem)
            throws IOException {
        byte[] json = problem.toJson(exchange.getRequestURI().getRawPath(), requestId);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", ProblemResponse.CONTENT_TYPE);
        headers.set("apigw-requestid", requestId);
        exchange.sendResponseHeaders(problem.status(), json.length);
        exchange.getResponseBody().write(json);
    }

    private static void writeProblemQuietly(HttpExchange exchange, String requestId, ProblemResponse problem) {
        try {
            writeProblem(exchange, requestId, problem);
        } catch (IOException | RuntimeException e) {
            // The response was already started or the client left; the log line above has the cause.
        }
    }

    private record Route(RouteTemplate template, LocalFunction function,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    private record Matched(Route route, Map<String, String> pathParameters) {
    }

    /** Collects routes and options; {@link #build()} binds the port. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();
        private int port;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int threads = DEFAULT_THREADS;

        private Builder() {
        }

        /** Sets the port on 127.0.0.1; 0 (the default) takes a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535 (given " + port + ")");
            }
            this.port = port;
            return this;
        }

        /** Sets the largest accepted request body in bytes (default 6 MB). */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative (given " + maxBodyBytes + ")");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Sets how many requests are handled at once (default 4). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1 (given " + threads + ")");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sends requests that match {@code routeKey} ("GET /users/{userId}", or "$default" for all
         * requests no other route matches) to {@code handler}, invoked as {@code function}.
         */
        public Builder route(String routeKey, LocalFunction function,
                RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            RouteTemplate template = RouteTemplate.parse(routeKey);
            if (routes.stream().anyMatch(route -> route.template().key().equals(routeKey))) {
                throw new IllegalArgumentException("route " + routeKey + " is already mapped");
            }
            routes.add(new Route(template, function, handler));
            return this;
        }

        /** Serves fixed bytes on a route, as an API Gateway mock integration would. */
        public Builder staticRoute(String routeKey, String contentType, byte[] content) {
            byte[] copy = content.clone();
            return route(routeKey, LocalFunction.named("static", "us-east-1"), (event, context) -> {
                APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", contentType))
                        .withBody(Base64.getEncoder().encodeToString(copy))
                        .build();
                response.setIsBase64Encoded(true);
                return response;
            });
        }

        public ApiServer build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("an API server needs at least one route");
            }
            try {
                return new ApiServer(this);
            } catch (IOException e) {
                throw new IllegalStateException("could not listen on 127.0.0.1:" + port + ": " + e.getMessage()
                        + (port == 0 ? "" : "; choose another port or 0 for a free one"), e);
            }
        }
    }

    /** Request ids in the style of API Gateway's: 12 random bytes in base64, for correlating log lines. */
    private static final class RequestIds {

        static String next() {
            byte[] bytes = new byte[12];
            ThreadLocalRandom.current().nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
    }
}
