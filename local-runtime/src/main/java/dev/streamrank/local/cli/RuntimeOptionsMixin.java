package dev.streamrank.local.cli;

import dev.streamrank.local.RuntimeOptions;
import dev.streamrank.local.kinesis.PollerSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that {@code serve} and {@code demo} share: where the services run and how functions are hosted. */
public final class RuntimeOptionsMixin {

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "One endpoint for Kinesis, DynamoDB and S3 (LocalStack, for example http://localhost:4566);"
                    + " no emulators are started. Default: AWS_ENDPOINT_URL, else the embedded emulators.")
    String endpoint = System.getenv("AWS_ENDPOINT_URL");

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Records per preprocess invocation, 1 to 10000. Default: ${DEFAULT-VALUE}.")
    int batchSize = PollerSettings.DEFAULT_BATCH_SIZE;

    @Option(names = "--max-retries", paramLabel = "N",
            description = "Retries of a failed batch before it is recorded under on-failure/ in S3 and skipped;"
                    + " -1 retries forever. Default: ${DEFAULT-VALUE}.")
    int maxRetries = PollerSettings.DEFAULT_MAXIMUM_RETRY_ATTEMPTS;

    @Option(names = "--shards", paramLabel = "N",
            description = "Shards per stream when the streams are created. Default: ${DEFAULT-VALUE}.")
    int shards = RuntimeOptions.DEFAULT_SHARD_COUNT;

    @Option(names = {"-v", "--verbose"}, description = "Also write the JSON log to standard error.")
    boolean verbose;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Folder of the JSON log file streamrank.log. Default: " + LogSetup.DEFAULT_LOG_DIR + ".")
    Path logDir;

    /**
     * Builds the runtime options.
     *
     * @throws IllegalArgumentException naming the option when a value is out of range
     */
    public RuntimeOptions toOptions(int apiPort) {
        RuntimeOptions base = RuntimeOptions.fromEnvironment(System.getenv());
        PollerSettings poller = base.poller().withBatchSize(batchSize).withMaximumRetryAttempts(maxRetries);
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1 (given " + shards + ")");
        }
        return new RuntimeOptions(
                endpoint == null || endpoint.isBlank() ? null : RuntimeOptions.parseEndpoint(endpoint),
                base.region(), apiPort, base.resources(), shards, poller, base.settings());
    }
}
