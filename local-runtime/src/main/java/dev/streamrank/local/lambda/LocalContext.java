package dev.streamrank.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.util.UUID;

/**
 * The Lambda {@link Context} of one local invocation: a fresh request id, the function's name and
 * ARN, and the time left until the function's timeout.
 *
 * <p>NOTE: the timeout is only reported through {@link #getRemainingTimeInMillis()}; the local
 * runtime does not stop a handler that runs past it, as Lambda would.
 */
public final class LocalContext implements Context {

    private static final String ACCOUNT_ID = "000000000000";

    private final String requestId;
    private final LocalFunction function;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    private LocalContext(String requestId, LocalFunction function, long deadlineNanos) {
        this.requestId = requestId;
        this.function = function;
        this.deadlineNanos = deadlineNanos;
        this.logger = new Slf4jLambdaLogger(function.name());
    }

    /** Starts the clock of a new invocation of {@code function}. */
    public static LocalContext begin(LocalFunction function) {
        return new LocalContext(UUID.randomUUID().toString(), function,
                System.nanoTime() + function.timeout().toNanos());
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + requestId;
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + function.region() + ":" + ACCOUNT_ID + ":function:" + function.name();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    /** Returns the milliseconds left until the function's timeout, zero once it has passed. */
    @Override
    public int getRemainingTimeInMillis() {
        long remaining = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
