package dev.streamrank.events.replay;

import dev.streamrank.aws.AwsClients;
import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/**
 * The connection options the replay commands share. Without {@code --endpoint} the standard SDK
 * configuration applies (AWS_REGION, credentials, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_KINESIS or
 * AWS_ENDPOINT_URL_DYNAMODB for LocalStack).
 */
public final class AwsConnectionOptions {

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Kinesis endpoint, for example http://127.0.0.1:4566 for LocalStack; uses dummy"
                    + " credentials. Default: the standard AWS SDK configuration.")
    URI endpoint;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
            description = "DynamoDB endpoint for the catalog import when it differs from --endpoint"
                    + " (the emulators serve each API on its own port).")
    URI dynamoDbEndpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region to sign requests for. Default: us-east-1 with --endpoint, else the SDK's"
                    + " region configuration.")
    String region;

    /** Builds the clients these options describe. */
    AwsClients clients() {
        if (endpoint == null && dynamoDbEndpoint == null) {
            if (region != null) {
                // The SDK's documented system property; it outranks AWS_REGION for clients built later.
                System.setProperty("aws.region", region);
            }
            return AwsClients.standard();
        }

        Region signingRegion = Region.of(region == null ? "us-east-1" : region);
        URI kinesis = endpoint != null ? endpoint : dynamoDbEndpoint;
        URI dynamoDb = dynamoDbEndpoint != null ? dynamoDbEndpoint : endpoint;
        return AwsClients.local(new AwsClients.Endpoints(kinesis, dynamoDb, kinesis, signingRegion));
    }
}
