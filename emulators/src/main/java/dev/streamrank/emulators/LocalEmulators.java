package dev.streamrank.emulators;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.aws.StreamRankResources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * The embedded default environment: open-source emulators of Kinesis, DynamoDB and S3 on free
 * loopback ports, with nothing persisted.
 *
 * <ul>
 *   <li>Kinesis: kinesis-mock (npm package {@code kinesis-local}), a Node.js child process;</li>
 *   <li>DynamoDB: dynalite (npm), a Node.js child process, in memory;</li>
 *   <li>S3: S3Proxy with the jclouds {@code transient} (in-memory) blob store, inside this JVM.</li>
 * </ul>
 *
 * <p>Requests are signed with the access key {@code test} and secret {@code test}, which S3Proxy
 * checks. Close the instance to stop everything; a JVM shutdown hook stops the child processes
 * if the caller never does.
 */
public final class LocalEmulators implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmulators.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Region REGION = Region.US_EAST_1;

    private final NodeEmulator kinesis;
    private final NodeEmulator dynamo;
    private final S3Proxy s3;
    private final BlobStoreContext blobStoreContext;
    private final AwsClients clients;
    private final Thread shutdownHook;

    private LocalEmulators(NodeEmulator kinesis, NodeEmulator dynamo, S3Proxy s3, BlobStoreContext blobStoreContext,
            URI s3Endpoint) {
        this.kinesis = kinesis;
        this.dynamo = dynamo;
        this.s3 = s3;
        this.blobStoreContext = blobStoreContext;
        this.clients = AwsClients.local(new AwsClients.Endpoints(
                URI.create("http://127.0.0.1:" + kinesis.port()),
                URI.create("http://127.0.0.1:" + dynamo.port()),
                s3Endpoint,
                REGION));
        this.shutdownHook = new Thread(this::stopQuietly, "streamrank-emulators-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts all three emulators, installing the npm packages first if needed.
     *
     * @throws EmulatorException naming the emulator and showing its output when one fails to start
     */
    public static LocalEmulators start() {
        long started = System.nanoTime();
        Path npm = NodePackages.installed();
        Path logs = logDirectory();

        NodeEmulator kinesis = null;
        NodeEmulator dynamo = null;
        try {
            int kinesisPort = NodeEmulator.freePort();
            kinesis = NodeEmulator.start("kinesis-mock", npm.resolve("node_modules/kinesis-local"),
                    List.of("main.js"),
                    Map.of("KINESIS_MOCK_PLAIN_PORT", Integer.toString(kinesisPort),
                            "KINESIS_MOCK_TLS_PORT", Integer.toString(NodeEmulator.freePort()),
                            "CREATE_STREAM_DURATION", "0ms",
                            "DELETE_STREAM_DURATION", "0ms",
                            "SHARD_LIMIT", "1000",
                            "LOG_LEVEL", "WARN",
                            "AWS_REGION", REGION.id()),
                    kinesisPort, logs, START_TIMEOUT);

            int dynamoPort = NodeEmulator.freePort();
            dynamo = NodeEmulator.start("dynalite", npm,
                    List.of("node_modules/dynalite/cli.js", "--host", "127.0.0.1", "--port", Integer.toString(dynamoPort),
                            "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
                    Map.of(), dynamoPort, logs, START_TIMEOUT);

            BlobStoreContext context = ContextBuilder.newBuilder("transient")
                    .overrides(new Properties())
                    .buildView(BlobStoreContext.class);
            URI s3Endpoint = URI.create("http://127.0.0.1:" + NodeEmulator.freePort());
            S3Proxy s3 = S3Proxy.builder()
                    .endpoint(s3Endpoint)
                    .blobStore(context.getBlobStore())
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test")
                    .ignoreUnknownHeaders(true)
                    .build();
            s3.start();
            awaitStarted(s3);

            LocalEmulators emulators = new LocalEmulators(kinesis, dynamo, s3, context, s3Endpoint);
            LOG.info("emulators started in {} ms: kinesis {}, dynamodb {}, s3 {}",
                    (System.nanoTime() - started) / 1_000_000, emulators.clients.endpoints().kinesis(),
                    emulators.clients.endpoints().dynamodb(), s3Endpoint);
            return emulators;
        } catch (Exception e) {
            if (kinesis != null) {
                kinesis.close();
            }
            if (dynamo != null) {
                dynamo.close();
            }
            if (e instanceof EmulatorException emulatorException) {
                throw emulatorException;
            }
            throw new EmulatorException("could not start the emulators: " + e.getMessage(), e);
        }
    }

    /** Clients pointed at these emulators. Each call builds new clients; callers keep and reuse them. */
    public AwsClients clients() {
        return clients;
    }

    public AwsClients.Endpoints endpoints() {
        return clients.endpoints();
    }

    /** Creates the streams, tables and bucket named in {@code resources} and waits until usable. */
    public void createResources(StreamRankResources resources) {
        new ResourceBootstrap(clients).create(resources);
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and runs the hook itself.
        }
    }

    private synchronized void stopQuietly() {
        kinesis.close();
        dynamo.close();
        try {
            s3.stop();
        } catch (Exception e) {
            LOG.warn("S3Proxy did not stop cleanly: {}", e.toString());
        }
        blobStoreContext.close();
    }

    private static void awaitStarted(S3Proxy s3) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(s3.getState())) {
            if (System.nanoTime() > deadline) {
                throw new EmulatorException("S3Proxy did not start within " + START_TIMEOUT.toSeconds()
                        + " s (state " + s3.getState() + ")");
            }
            Thread.sleep(20);
        }
    }

    private static Path logDirectory() {
        try {
            return Files.createTempDirectory("streamrank-emulators-");
        } catch (IOException e) {
            throw new EmulatorException("could not create a log folder for the emulators: " + e.getMessage(), e);
        }
    }
}
