package dev.streamrank.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB mapping of user and item state: what is written reads back the same. */
class StateCodecTest {

    @Test
    void userStateRoundTripsWithNextRevision() {
        UserState state = new UserState("u-1",
                List.of(new RecentInteraction("e1", "i-a", "view", 1_793_700_000_000L),
                        new RecentInteraction("e2", "i-b", "rating", 1_793_700_060_000L)),
                Map.of("view", 1L, "rating", 1L), 1_793_700_000_000L, 1_793_700_060_000L,
                new float[] {0.25f, -1.5f, 3.0e-8f}, "2026-11-01T00-00-00Z", 6);

        UserState read = UserStateTable.decode(UserStateTable.encode(state));

        assertEquals(state.userId(), read.userId());
        assertEquals(state.recent(), read.recent());
        assertEquals(state.counters(), read.counters());
        assertEquals(state.firstSeenMillis(), read.firstSeenMillis());
        assertEquals(state.lastSeenMillis(), read.lastSeenMillis());
        assertArrayEquals(state.onlineVector(), read.onlineVector());
        assertEquals(state.onlineModelVersion(), read.onlineModelVersion());
        assertEquals(7, read.revision(), "the stored revision is one above the one read");
    }

    @Test
    void emptyUserOmitsOnlineVector() {
        Map<String, AttributeValue> item = UserStateTable.encode(UserState.empty("u-new"));

        assertFalse(item.containsKey("online"));
        assertFalse(item.containsKey("onlineModelVersion"));
        UserState read = UserStateTable.decode(item);
        assertEquals(0, read.onlineVector().length);
        assertNull(read.onlineModelVersion());
        assertEquals(1, read.revision());
    }

    @Test
    void itemStateRoundTrips() {
        ItemState state = new ItemState("i-1", 12.345678901234, 1_793_700_000_123L, Map.of("view", 3L, "skip", 1L),
                1_793_700_000_999L, "Alien (1979)", List.of("Horror", "Sci-Fi"), Map.of("i-2", 2.0, "i-3", 0.5), 2);

        ItemState read = ItemStateTable.decode(ItemStateTable.encode(state));

        assertEquals(state.itemId(), read.itemId());
        assertEquals(state.heat(), read.heat());
        assertEquals(state.heatAtMillis(), read.heatAtMillis());
        assertEquals(state.counters(), read.counters());
        assertEquals(state.lastInteractionMillis(), read.lastInteractionMillis());
        assertEquals(state.title(), read.title());
        assertEquals(state.genres(), read.genres());
        assertEquals(state.precededBy(), read.precededBy());
        assertEquals(3, read.revision());
    }

    @Test
    void itemWithoutCatalogDecodes() {
        ItemState read = ItemStateTable.decode(ItemStateTable.encode(ItemState.empty("i-bare")));

        assertNull(read.title());
        assertEquals(List.of(), read.genres());
        assertEquals(Map.of(), read.precededBy());
    }

    @Test
    void vectorIsLittleEndianFloat32() {
        AttributeValue value = DynamoAttributes.vector(new float[] {1.0f, -2.0f});

        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0}, value.b().asByteArray());
        assertArrayEquals(new float[] {1.0f, -2.0f}, DynamoAttributes.vector(Map.of("v", value), "v"));
    }

    @Test
    void missingNumbersReadAsZero() {
        assertEquals(0L, DynamoAttributes.longValue(Map.of(), "revision"));
        assertEquals(0.0, DynamoAttributes.doubleValue(Map.of(), "heat"));
        assertEquals(Map.of(), DynamoAttributes.counters(Map.of(), "counters"));
    }
}
