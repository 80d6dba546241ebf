package dev.streamrank.local.lambda;

import java.time.Duration;

/**
 * The configuration of a locally hosted function, as Lambda would report it in the context.
 *
 * @param name     function name, also the logger name of {@link Slf4jLambdaLogger}
 * @param region   region for the function ARN
 * @param timeout  function timeout that {@link LocalContext#getRemainingTimeInMillis()} counts down
 * @param memoryMb memory size reported to the handler, in MB
 */
public record LocalFunction(String name, String region, Duration timeout, int memoryMb) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MEMORY_MB = 1024;

    public LocalFunction {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("function name must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout of " + name + " must be positive (given " + timeout + ")");
        }
        if (memoryMb < 128) {
            throw new IllegalArgumentException("memory of " + name + " must be at least 128 MB (given " + memoryMb + ")");
        }
    }

    /** A function with the default timeout and memory size. */
    public static LocalFunction named(String name, String region) {
        return new LocalFunction(name, region, DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB);
    }
}
