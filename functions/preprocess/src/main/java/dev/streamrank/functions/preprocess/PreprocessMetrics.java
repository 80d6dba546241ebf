package dev.streamrank.functions.preprocess;

import dev.streamrank.functions.FunctionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Publishes the invocation counters as CloudWatch embedded metric format (EMF) lines through
 * Powertools metrics, in Lambda only.
 *
 * <p>NOTE: outside Lambda the EMF library behind powertools-metrics 2.5.0 discovers its environment by
 * probing the EC2 and ECS metadata endpoints, which a local run must not contact. Local runs and
 * tests therefore publish nothing here; the same counters are in the summary log line.
 */
final class PreprocessMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(PreprocessMetrics.class);
    static final String DEFAULT_NAMESPACE = "StreamRank";

    /** Null outside Lambda. */
    private final Metrics emf;

    private PreprocessMetrics(Metrics emf) {
        this.emf = emf;
    }

    /** Enables EMF when the Lambda runtime's {@code AWS_LAMBDA_FUNCTION_NAME} is among the settings. */
    static PreprocessMetrics create(FunctionEnvironment environment) {
        if (environment.setting("AWS_LAMBDA_FUNCTION_NAME", null) == null) {
            return new PreprocessMetrics(null);
        }
        return new PreprocessMetrics(MetricsBuilder.builder()
                .withNamespace(environment.setting("POWERTOOLS_METRICS_NAMESPACE", DEFAULT_NAMESPACE))
                .withService("preprocess")
                .build());
    }

    boolean enabled() {
        return emf != null;
    }

    void publish(BatchStats stats) {
        if (emf == null) {
            return;
        }
        try {
            emf.addMetric("Records", stats.records, MetricUnit.COUNT);
            emf.addMetric("Accepted", stats.accepted, MetricUnit.COUNT);
            emf.addMetric("Rejected", stats.rejected, MetricUnit.COUNT);
            emf.addMetric("Duplicates", stats.duplicates(), MetricUnit.COUNT);
            emf.addMetric("UsersWritten", stats.usersWritten, MetricUnit.COUNT);
            emf.addMetric("UserWriteConflicts", stats.userWriteConflicts, MetricUnit.COUNT);
            emf.addMetric("ItemsWritten", stats.itemsWritten, MetricUnit.COUNT);
            emf.addMetric("FailedRecords", stats.failedRecords, MetricUnit.COUNT);
            emf.addMetric("CpuTime", stats.cpuMillis, MetricUnit.MILLISECONDS);
            emf.flush();
        } catch (RuntimeException e) {
            // Metrics are an observer: losing one flush must not fail a batch whose state is written.
            LOG.warn("publishing EMF metrics failed: {}", e.getMessage(), e);
        }
    }
}
