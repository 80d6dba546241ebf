package dev.streamrank.e2e;

import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the end-to-end tests run, chosen from the environment:
 *
 * <ul>
 *   <li>{@code AWS_ENDPOINT_URL} set: an already running LocalStack (or other endpoint serving
 *       Kinesis, DynamoDB and S3);</li>
 *   <li>{@code STREAMRANK_E2E_TARGET=localstack}: a LocalStack container started through
 *       Testcontainers (needs Docker; image from {@code STREAMRANK_LOCALSTACK_IMAGE}, and
 *       {@code LOCALSTACK_AUTH_TOKEN} is passed through for current images);</li>
 *   <li>otherwise: the embedded emulators, started by the local runtime.</li>
 * </ul>
 */
final class TestTarget implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestTarget.class);
    static final String DEFAULT_LOCALSTACK_IMAGE = "localstack/localstack:4";

    private final URI endpoint;
    private final LocalStackContainer container;
    private final String description;

    private TestTarget(URI endpoint, LocalStackContainer container, String description) {
        this.endpoint = endpoint;
        this.container = container;
        this.description = description;
    }

    static TestTarget fromEnvironment(Map<String, String> env) {
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            return new TestTarget(URI.create(endpoint), null, "endpoint " + endpoint);
        }

        if ("localstack".equalsIgnoreCase(env.getOrDefault("STREAMRANK_E2E_TARGET", ""))) {
            return startLocalStack(env);
        }
        return new TestTarget(null, null, "embedded emulators");
    }

    private static TestTarget startLocalStack(Map<String, String> env) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("STREAMRANK_E2E_TARGET=localstack needs a running Docker engine, and none"
                    + " was found; start Docker, or unset STREAMRANK_E2E_TARGET to use the embedded emulators");
        }

        String image = env.getOrDefault("STREAMRANK_LOCALSTACK_IMAGE", DEFAULT_LOCALSTACK_IMAGE);
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("kinesis", "dynamodb", "s3");
        String token = env.get("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        } else {
            LOG.warn("LOCALSTACK_AUTH_TOKEN is not set; current LocalStack images refuse to start without it."
                    + " Set it, or pick an image that needs none with STREAMRANK_LOCALSTACK_IMAGE");
        }
        container.start();
        return new TestTarget(container.getEndpoint(), container, "LocalStack container " + image);
    }

    /** Returns the endpoint to use, or null for the embedded emulators. */
    URI endpoint() {
        return endpoint;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
    }
}
