package dev.streamrank.functions.preprocess;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamrank.functions.FunctionEnvironment;
import java.util.List;
import org.slf4j.MDC;

/**
 * Lambda entry point of the preprocess function, triggered by the interactions stream with
 * {@code ReportBatchItemFailures} enabled on the event source mapping.
 *
 * <p>Decodes the Kinesis event, hands the batch to {@link PreprocessService}, and reports the records
 * that failed for a retryable reason. Invalid events are never reported: they are in the rejected
 * store.
 */
public final class PreprocessHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final PreprocessService service;

    /** Used by Lambda: settings from the process environment, the standard SDK configuration. */
    public PreprocessHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public PreprocessHandler(FunctionEnvironment environment) {
        this.service = new PreprocessService(environment);
    }

    PreprocessHandler(PreprocessService service) {
        this.service = service;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        List<ShardRecord> records = ShardRecord.fromEvent(event);

        if (context != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        PreprocessService.BatchResult result;
        try {
            result = service.process(records);
        } finally {
            MDC.remove("requestId");
        }

        List<StreamsEventResponse.BatchItemFailure> failures = result.failedSequenceNumbers().stream()
                .map(StreamsEventResponse.BatchItemFailure::new)
                .toList();
        return new StreamsEventResponse(failures);
    }
}
