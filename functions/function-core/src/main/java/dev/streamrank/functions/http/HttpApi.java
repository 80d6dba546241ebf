package dev.streamrank.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Serves API Gateway HTTP API events with a {@link Router}: routing, problem responses, request id
 * propagation and one summary log line per invocation. Thread-safe when the route handlers are.
 *
 * <p>The summary line is the message {@code request completed} with these MDC keys: {@code route},
 * {@code status}, {@code latencyMs}, {@code requestId}, and {@code userId}, {@code candidateCount},
 * {@code modelVersion} when the route handler set them. The JSON layout writes the MDC as
 * {@code context}.
 */
public final class HttpApi {

    /** Response header that carries the request id back to the caller. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Router router;

    public HttpApi(Router router) {
        this.router = router;
    }

    public Router router() {
        return router;
    }

    /** Handles one event. Every exception becomes a problem response; only JVM errors propagate. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = requestId(event, context);
        MDC.put("requestId", requestId);
        RequestSummary summary = new RequestSummary();
        String route = "(unmatched)";
        String path = event.getRawPath();

        APIGatewayV2HTTPResponse response;
        try {
            HttpRequest request = HttpRequest.from(event, requestId);
            path = request.path();
            Router.Match match = router.match(request);
            route = match.route().key();
            response = match.route().handler().handle(match.request(), summary);
        } catch (ApiException e) {
            response = problemResponse(e, path);
        } catch (SdkException e) {
            // A service class should have wrapped this; still a dependency failure, not a bug in the request.
            LOG.warn("AWS SDK call failed outside a service boundary", e);
            response = problemResponse(new DependencyFailureException(
                    "a backing service is unavailable; retry the request later", e), path);
        } catch (RuntimeException e) {
            LOG.error("request failed unexpectedly", e);
            response = HttpResponses.problem(new Problem(ProblemType.INTERNAL_ERROR,
                    "the request failed unexpectedly; report request id " + requestId + " if it persists",
                    path, List.of()), Map.of());
        }

        response = withHeader(response, REQUEST_ID_HEADER, requestId);
        logSummary(route, response.getStatusCode(), started, summary);
        MDC.clear();
        return response;
    }

    private static APIGatewayV2HTTPResponse problemResponse(ApiException e, String path) {
        if (e.type().status() >= 500) {
            LOG.warn("request failed: {}", e.getMessage(), e.getCause());
        }
        return HttpResponses.problem(e.toProblem(path), e.headers());
    }

    /** API Gateway's request id; Lambda's when invoked directly; a fresh one when neither exists. */
    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        return UUID.randomUUID().toString();
    }

    private static APIGatewayV2HTTPResponse withHeader(APIGatewayV2HTTPResponse response, String name, String value) {
        Map<String, String> headers = new HashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        headers.put(name, value);
        response.setHeaders(headers);
        return response;
    }

    private static void logSummary(String route, int status, long startedNanos, RequestSummary summary) {
        MDC.put("route", route);
        MDC.put("status", Integer.toString(status));
        MDC.put("latencyMs", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startedNanos) / 1e6));
        if (summary.userId() != null) {
            MDC.put(RequestSummary.USER_ID, summary.userId());
        }
        if (summary.candidateCount() != null) {
            MDC.put("candidateCount", summary.candidateCount().toString());
        }
        if (summary.modelVersion() != null) {
            MDC.put("modelVersion", summary.modelVersion());
        }
        LOG.info("request completed");
    }
}
