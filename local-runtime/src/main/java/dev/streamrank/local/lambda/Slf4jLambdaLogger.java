package dev.streamrank.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what a handler writes through {@code context.getLogger()} to SLF4J under the function's
 * name, so it lands in the same JSON log as everything else.
 */
final class Slf4jLambdaLogger implements LambdaLogger {

    private final Logger logger;

    Slf4jLambdaLogger(String functionName) {
        this.logger = LoggerFactory.getLogger("lambda." + functionName);
    }

    @Override
    public void log(String message) {
        log(message, LogLevel.INFO);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8), LogLevel.INFO);
    }

    @Override
    public void log(String message, LogLevel level) {
        String line = message == null ? "" : message.stripTrailing();
        switch (level == null ? LogLevel.INFO : level) {
            case FATAL, ERROR -> logger.error(line);
            case WARN -> logger.warn(line);
            case DEBUG -> logger.debug(line);
            case TRACE -> logger.trace(line);
            default -> logger.info(line);
        }
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        log(new String(message, StandardCharsets.UTF_8), level);
    }
}
