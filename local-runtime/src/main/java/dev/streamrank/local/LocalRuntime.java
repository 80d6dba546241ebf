package dev.streamrank.local;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.emulators.ResourceBootstrap;
import dev.streamrank.functions.FunctionEnvironment;
import dev.streamrank.local.http.ApiServer;
import dev.streamrank.local.kinesis.KinesisPoller;
import dev.streamrank.local.kinesis.PollerMetrics;
import dev.streamrank.local.kinesis.S3OnFailureDestination;
import dev.streamrank.local.lambda.LocalFunction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * StreamRank on one machine. Kinesis, DynamoDB and S3 come from the embedded emulators, or from
 * LocalStack when an endpoint is given, and the runtime creates the resources there. Each stream
 * function is polled like a Lambda event source mapping, and each HTTP function is served like an
 * API Gateway HTTP API.
 *
 * <p>Close it to stop the API, the pollers and (in embedded mode) the emulators. Thread-safe.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

    /** S3 prefix under which given-up stream batches are recorded, one JSON object each. */
    public static final String ON_FAILURE_PREFIX = "on-failure/";

    /** Classpath locations where a function module may ship its OpenAPI document. */
    private static final List<String> OPENAPI_RESOURCES = List.of("openapi.yaml", "openapi/openapi.yaml",
            "META-INF/openapi.yaml", "openapi.json", "openapi/openapi.json", "META-INF/openapi.json");

    private final ServiceBackend backend;
    private final RuntimeOptions options;
    private final FunctionEnvironment environment;
    private final KinesisClient kinesis;
    private final S3Client s3;
    private final Map<String, Object> handlers = new LinkedHashMap<>();
    private final Map<String, KinesisPoller> pollers = new LinkedHashMap<>();
    private ApiServer api;

    private LocalRuntime(ServiceBackend backend, RuntimeOptions options) {
        this.backend = backend;
        this.options = options;
        this.environment = FunctionEnvironment.of(backend.clients(), options.resources(), handlerSettings(options));
        this.kinesis = backend.clients().kinesis();
        this.s3 = backend.clients().s3();
    }

    /**
     * Starts the services (or connects to the endpoint), creates the resources, the handlers, the
     * pollers and the API. On any failure, whatever was started is stopped again.
     */
    public static LocalRuntime start(RuntimeOptions options, LocalFunctions functions) {
        long started = System.nanoTime();
        ServiceBackend backend = options.endpoint() == null
                ? ServiceBackend.embedded()
                : ServiceBackend.endpoint(options.endpoint(), options.region());
        LocalRuntime runtime = null;
        try {
            new ResourceBootstrap(backend.clients(), options.shardCount()).create(options.resources());
            runtime = new LocalRuntime(backend, options);
            runtime.startStreamFunctions(functions);
            runtime.startApi(functions);
            LOG.info("local runtime started in {} ms on {}; API at {}", (System.nanoTime() - started) / 1_000_000,
                    backend.description(), runtime.apiBaseUrl());
            return runtime;
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            } else {
                backend.close();
            }
            throw e;
        }
    }

    public AwsClients clients() {
        return backend.clients();
    }

    public StreamRankResources resources() {
        return options.resources();
    }

    public FunctionEnvironment functionEnvironment() {
        return environment;
    }

    /** Returns where the local services run, in words, for logs and the terminal. */
    public String backendDescription() {
        return backend.description();
    }

    /** Returns the API's base URL, such as {@code http://127.0.0.1:8080}, or null when no HTTP function is hosted. */
    public URI apiBaseUrl() {
        return api == null ? null : api.baseUrl();
    }

    public Map<String, KinesisPoller> pollers() {
        return Map.copyOf(pollers);
    }

    /**
     * Returns the handler instance of a hosted function, for counters a handler exposes.
     *
     * @throws IllegalArgumentException when no such function is hosted or it is of another type
     */
    public <T> T handler(String functionName, Class<T> type) {
        Object handler = handlers.get(functionName);
        if (handler == null) {
            throw new IllegalArgumentException("no function named " + functionName + " is hosted; hosted: "
                    + handlers.keySet());
        }
        if (!type.isInstance(handler)) {
            throw new IllegalArgumentException("function " + functionName + " is a " + handler.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(handler);
    }

    /** Returns the counters of every poller by function name. */
    public Map<String, PollerMetrics.Snapshot> pollerMetrics() {
        Map<String, PollerMetrics.Snapshot> metrics = new LinkedHashMap<>();
        pollers.forEach((name, poller) -> metrics.put(name, poller.metrics()));
        return metrics;
    }

    /**
     * Waits until every poller is caught up and a full pass over all of them saw no new batch, so
     * records that one function writes to another function's stream are processed too.
     *
     * @return true when idle, false when {@code timeout} passed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long batchesBefore = totalBatches();
            for (KinesisPoller poller : pollers.values()) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || !poller.awaitIdle(left)) {
                    return false;
                }
            }
            if (totalBatches() == batchesBefore) {
                return true;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (api != null) {
            api.close();
        }
        pollers.values().forEach(KinesisPoller::close);
        for (Object handler : handlers.values()) {
            if (handler instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("handler {} did not close cleanly: {}", handler.getClass().getSimpleName(), e.toString());
                }
            }
        }
        kinesis.close();
        s3.close();
        backend.close();
        LOG.info("local runtime stopped");
    }

    private void startStreamFunctions(LocalFunctions functions) {
        for (LocalFunctions.StreamFunction function : functions.streamFunctions()) {
            var handler = function.factory().apply(environment);
            handlers.put(function.name(), handler);
            String stream = function.stream().apply(options.resources());
            var settings = options.poller().withOnFailure(
                    new S3OnFailureDestination(s3, options.resources().bucket(), ON_FAILURE_PREFIX));
            KinesisPoller poller = new KinesisPoller(kinesis, stream, handler,
                    LocalFunction.named(function.name(), backend.region()), settings);
            pollers.put(function.name(), poller.start());
        }
    }

    private void startApi(LocalFunctions functions) {
        if (functions.httpFunctions().isEmpty()) {
            return;
        }
        ApiServer.Builder builder = ApiServer.builder().port(options.apiPort());
        for (LocalFunctions.HttpFunction function : functions.httpFunctions()) {
            var handler = function.factory().apply(environment);
            handlers.put(function.name(), handler);
            LocalFunction local = LocalFunction.named(function.name(), backend.region());
            function.routeKeys().forEach(routeKey -> builder.route(routeKey, local, handler));
        }
        addOpenApiDocument(builder);
        api = builder.build().start();
    }

    private static void addOpenApiDocument(ApiServer.Builder builder) {
        ClassLoader loader = LocalRuntime.class.getClassLoader();
        for (String resource : OPENAPI_RESOURCES) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                boolean json = resource.endsWith(".json");
                builder.staticRoute(json ? "GET /openapi.json" : "GET /openapi.yaml",
                        json ? "application/json" : "application/yaml", in.readAllBytes());
                LOG.info("serving the OpenAPI document from classpath resource {}", resource);
                return;
            } catch (IOException e) {
                LOG.warn("could not read the OpenAPI document {}: {}", resource, e.toString());
            }
        }
        LOG.info("no OpenAPI document on the classpath (looked for {})", OPENAPI_RESOURCES);
    }

    /** Returns the STREAMRANK_* settings and the resource names, as a Lambda function's environment would carry them. */
    private static Map<String, String> handlerSettings(RuntimeOptions options) {
        Map<String, String> settings = new HashMap<>(options.settings());
        settings.putAll(options.resources().toEnvironment());
        return settings;
    }

    private long totalBatches() {
        long total = 0;
        for (KinesisPoller poller : pollers.values()) {
            total += poller.metrics().batches();
        }
        return total;
    }
}
