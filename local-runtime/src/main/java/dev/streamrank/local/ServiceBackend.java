package dev.streamrank.local;

import dev.streamrank.aws.AwsClients;
import dev.streamrank.emulators.LocalEmulators;
import java.net.URI;
import software.amazon.awssdk.regions.Region;

/**
 * The source of Kinesis, DynamoDB and S3: the embedded emulators, which this backend starts and
 * stops, or an endpoint someone else runs (LocalStack), which it only points the clients at.
 */
final class ServiceBackend implements AutoCloseable {

    private final AwsClients clients;
    private final LocalEmulators emulators;
    private final String description;

    private ServiceBackend(AwsClients clients, LocalEmulators emulators, String description) {
        this.clients = clients;
        this.emulators = emulators;
        this.description = description;
    }

    static ServiceBackend embedded() {
        LocalEmulators emulators = LocalEmulators.start();
        return new ServiceBackend(emulators.clients(), emulators, "embedded emulators (kinesis-mock, dynalite, S3Proxy)");
    }

    static ServiceBackend endpoint(URI endpoint, String region) {
        AwsClients clients = AwsClients.local(AwsClients.Endpoints.single(endpoint, Region.of(region)));
        return new ServiceBackend(clients, null, "endpoint " + endpoint + " (" + region + ")");
    }

    AwsClients clients() {
        return clients;
    }

    String region() {
        return clients.endpoints().region().id();
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (emulators != null) {
            emulators.close();
        }
    }
}
