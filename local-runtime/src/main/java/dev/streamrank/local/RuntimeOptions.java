package dev.streamrank.local;

import dev.streamrank.aws.StreamRankResources;
import dev.streamrank.local.kinesis.PollerSettings;
import java.net.URI;
import java.util.Map;

/**
 * Start options of a {@link LocalRuntime}.
 *
 * @param endpoint       one endpoint for Kinesis, DynamoDB and S3 (LocalStack), or null to start the
 *                       embedded emulators
 * @param region         region to sign requests for at {@code endpoint}; the emulators use us-east-1
 * @param apiPort        port of the HTTP API on 127.0.0.1; 0 takes a free one
 * @param resources      stream, table and bucket names to create and use
 * @param shardCount     shards per stream when the runtime creates the streams
 * @param poller         event source mapping settings of every stream function
 * @param settings       environment-style settings handed to the handlers (STREAMRANK_* and friends)
 */
public record RuntimeOptions(
        URI endpoint,
        String region,
        int apiPort,
        StreamRankResources resources,
        int shardCount,
        PollerSettings poller,
        Map<String, String> settings) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_SHARD_COUNT = 2;

    public RuntimeOptions {
        if (apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("API port must be between 0 and 65535 (given " + apiPort + ")");
        }
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be at least 1 (given " + shardCount + ")");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region;
        settings = Map.copyOf(settings);
    }

    /** Embedded emulators, a free API port, the default names, two shards and the default poller settings. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(null, DEFAULT_REGION, 0, StreamRankResources.defaults(), DEFAULT_SHARD_COUNT,
                PollerSettings.defaults(), Map.of());
    }

    /**
     * Options from the process environment: {@code AWS_ENDPOINT_URL} selects LocalStack mode,
     * {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}) its region, {@code STREAMRANK_*} the
     * resource names and the handler settings.
     */
    public static RuntimeOptions fromEnvironment(Map<String, String> env) {
        String endpoint = env.get("AWS_ENDPOINT_URL");
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", DEFAULT_REGION));
        Map<String, String> settings = new java.util.HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("STREAMRANK_")) {
                settings.put(name, value);
            }
        });
        return new RuntimeOptions(endpoint == null || endpoint.isBlank() ? null : parseEndpoint(endpoint), region, 0,
                StreamRankResources.fromMap(env), DEFAULT_SHARD_COUNT, PollerSettings.defaults(), settings);
    }

    public RuntimeOptions withEndpoint(URI value) {
        return new RuntimeOptions(value, region, apiPort, resources, shardCount, poller, settings);
    }

    public RuntimeOptions withApiPort(int value) {
        return new RuntimeOptions(endpoint, region, value, resources, shardCount, poller, settings);
    }

    public RuntimeOptions withPoller(PollerSettings value) {
        return new RuntimeOptions(endpoint, region, apiPort, resources, shardCount, value, settings);
    }

    public RuntimeOptions withResources(StreamRankResources value) {
        return new RuntimeOptions(endpoint, region, apiPort, value, shardCount, poller, settings);
    }

    public RuntimeOptions withShardCount(int value) {
        return new RuntimeOptions(endpoint, region, apiPort, resources, value, poller, settings);
    }

    public RuntimeOptions withSettings(Map<String, String> value) {
        return new RuntimeOptions(endpoint, region, apiPort, resources, shardCount, poller, value);
    }

    /**
     * Parses an endpoint URL such as {@code http://localhost:4566}.
     *
     * @throws IllegalArgumentException naming the value when it is not an absolute http(s) URL
     */
    public static URI parseEndpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid endpoint '" + value + "': " + e.getMessage()
                    + "; expected a URL such as http://localhost:4566", e);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("invalid endpoint '" + value
                    + "': expected an http or https URL with a host, such as http://localhost:4566");
        }
        return uri;
    }
}
