package dev.streamrank.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK clients every part uses, against AWS or against local endpoints.
 *
 * <p>Against AWS the standard SDK configuration applies (region, credentials, and the
 * {@code AWS_ENDPOINT_URL*} variables, which the SDK reads itself). {@link #local} points every
 * client at explicit endpoints with dummy credentials, for the emulators and LocalStack.
 *
 * <p>S3 clients compute checksums only when an operation requires them: S3Proxy 2.9.0 rejects the
 * flexible checksums SDK v2 sends by default ("x-amz-content-sha256 does not match"). Integrity of
 * model files is checked against their manifest's sha256 instead.
 */
public final class AwsClients {

    private final Endpoints endpoints;
    private final SdkHttpClient httpClient;

    private AwsClients(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Clients configured the standard SDK way: environment, profile, instance role. */
    public static AwsClients standard() {
        return new AwsClients(null);
    }

    /** Clients for local endpoints (emulators or LocalStack) with dummy credentials. */
    public static AwsClients local(Endpoints endpoints) {
        return new AwsClients(endpoints);
    }

    /**
     * Local endpoints of the three services.
     *
     * @param kinesis  Kinesis endpoint, for example http://127.0.0.1:4568
     * @param dynamodb DynamoDB endpoint
     * @param s3       S3 endpoint; path-style addressing is used
     * @param region   region to sign requests for
     */
    public record Endpoints(URI kinesis, URI dynamodb, URI s3, Region region) {

        /** Uses one endpoint for all services, as LocalStack serves them. */
        public static Endpoints single(URI endpoint, Region region) {
            return new Endpoints(endpoint, endpoint, endpoint, region);
        }
    }

    public KinesisClient kinesis() {
        var builder = KinesisClient.builder().httpClient(httpClient);
        if (endpoints != null) {
            builder.endpointOverride(endpoints.kinesis()).region(endpoints.region()).credentialsProvider(dummy());
        }
        return builder.build();
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().httpClient(httpClient);
        if (endpoints != null) {
            builder.endpointOverride(endpoints.dynamodb()).region(endpoints.region()).credentialsProvider(dummy());
        }
        return builder.build();
    }

    public S3Client s3() {
        var builder = S3Client.builder()
                .httpClient(httpClient)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoints != null) {
            builder.endpointOverride(endpoints.s3()).region(endpoints.region()).credentialsProvider(dummy())
                    .forcePathStyle(true);
        } else if (System.getenv("AWS_ENDPOINT_URL") != null || System.getenv("AWS_ENDPOINT_URL_S3") != null) {
            // A custom endpoint (LocalStack) serves buckets by path; virtual hosts would need DNS for them.
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    /** Returns the local endpoints, or null for the standard configuration. */
    public Endpoints endpoints() {
        return endpoints;
    }

    private static AwsCredentialsProvider dummy() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
}
