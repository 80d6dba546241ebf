package dev.streamrank.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The one summary line per invocation, read from the log events the JSON layout would write. */
class SummaryLogTest {

    private final CapturingAppender appender = new CapturingAppender();

    private final HttpApi api = new HttpApi(new Router(List.of(
            new Route("GET", "/users/{userId}/things", (request, summary) -> {
                summary.userId(request.pathParameter("userId"));
                summary.candidateCount(42);
                summary.modelVersion("test-model-v1");
                return HttpResponses.json(200, Map.of());
            }))));

    @BeforeEach
    void attachAppender() {
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(HttpApi.class.getName()).addAppender(appender, null, null);
        context.updateLoggers();
    }

    @AfterEach
    void detachAppender() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(HttpApi.class.getName()).removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    @Test
    void summaryCarriesFixedKeys() {
        api.handle(ApiGatewayEvents.request("GET", "/users/u7/things", Map.of(), null, "req-42"), null);

        LogEvent summary = onlySummary();
        Map<String, String> fields = summary.getContextData().toMap();
        assertEquals("GET /users/{userId}/things", fields.get("route"));
        assertEquals("200", fields.get("status"));
        assertEquals("req-42", fields.get("requestId"));
        assertEquals("u7", fields.get("userId"));
        assertEquals("42", fields.get("candidateCount"));
        assertEquals("test-model-v1", fields.get("modelVersion"));
        assertTrue(Double.parseDouble(fields.get("latencyMs")) >= 0, fields.get("latencyMs"));
    }

    @Test
    void summaryWrittenForUnmatchedRoute() {
        api.handle(ApiGatewayEvents.request("GET", "/elsewhere", Map.of(), null, "req-43"), null);

        Map<String, String> fields = onlySummary().getContextData().toMap();
        assertEquals("(unmatched)", fields.get("route"));
        assertEquals("404", fields.get("status"));
        assertNull(fields.get("userId"));
    }

    @Test
    void contextClearedAfterInvocation() {
        api.handle(ApiGatewayEvents.request("GET", "/users/u7/things", Map.of(), null, "req-44"), null);

        assertNull(MDC.get("requestId"));
        assertNull(MDC.get("userId"));
    }

    private LogEvent onlySummary() {
        List<LogEvent> summaries = appender.events.stream()
                .filter(event -> event.getMessage().getFormattedMessage().equals("request completed"))
                .toList();
        assertEquals(1, summaries.size(), "one summary line per invocation");
        assertNotNull(summaries.get(0).getContextData());
        return summaries.get(0);
    }

    /** Keeps immutable copies of the events, because log4j reuses mutable event objects. */
    private static final class CapturingAppender extends AbstractAppender {

        final List<LogEvent> events = new CopyOnWriteArrayList<>();

        CapturingAppender() {
            super("capturing", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
