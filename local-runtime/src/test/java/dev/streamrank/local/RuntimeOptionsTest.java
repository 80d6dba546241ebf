package dev.streamrank.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrank.aws.StreamRankResources;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeOptionsTest {

    @Test
    void endpointVariableSelectsLocalStackMode() {
        RuntimeOptions options = RuntimeOptions.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_REGION", "eu-west-1"));

        assertEquals(URI.create("http://localhost:4566"), options.endpoint());
        assertEquals("eu-west-1", options.region());
    }

    @Test
    void noEndpointStartsEmulators() {
        RuntimeOptions options = RuntimeOptions.fromEnvironment(Map.of("AWS_ENDPOINT_URL", " "));

        assertNull(options.endpoint());
        assertEquals(RuntimeOptions.DEFAULT_REGION, options.region());
    }

    @Test
    void streamrankVariablesReachTheHandlers() {
        RuntimeOptions options = RuntimeOptions.fromEnvironment(Map.of(
                "STREAMRANK_USERS_TABLE", "my-users",
                "STREAMRANK_EVENT_TYPES", "share:2.5",
                "HOME", "/root"));

        assertEquals("my-users", options.resources().usersTable());
        assertEquals(StreamRankResources.DEFAULT_ITEMS_TABLE, options.resources().itemsTable());
        assertEquals(Map.of("STREAMRANK_USERS_TABLE", "my-users", "STREAMRANK_EVENT_TYPES", "share:2.5"),
                options.settings());
    }

    @Test
    void invalidEndpointNamesValueAndExample() {
        var error = assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.parseEndpoint("localhost:4566"));

        assertTrue(error.getMessage().contains("localhost:4566"), error.getMessage());
        assertTrue(error.getMessage().contains("http://localhost:4566"), error.getMessage());
    }

    @Test
    void invalidPortIsRejected() {
        var error = assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.defaults().withApiPort(70000));

        assertTrue(error.getMessage().contains("70000"), error.getMessage());
    }
}
