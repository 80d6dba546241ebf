package dev.streamrank.state;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small conversions between Java values and DynamoDB attribute values. */
final class DynamoAttributes {

    private DynamoAttributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long longValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0L : Long.parseLong(value.n());
    }

    static double doubleValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0.0 : Double.parseDouble(value.n());
    }

    static AttributeValue counters(Map<String, Long> counters) {
        Map<String, AttributeValue> map = new HashMap<>();
        counters.forEach((key, count) -> map.put(key, n(count)));
        return AttributeValue.fromM(map);
    }

    static Map<String, Long> counters(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        Map<String, Long> counters = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((key, count) -> counters.put(key, Long.parseLong(count.n())));
        }
        return counters;
    }

    static AttributeValue weights(Map<String, Double> weights) {
        Map<String, AttributeValue> map = new HashMap<>();
        weights.forEach((key, weight) -> map.put(key, n(weight)));
        return AttributeValue.fromM(map);
    }

    static Map<String, Double> weights(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        Map<String, Double> weights = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((key, weight) -> weights.put(key, Double.parseDouble(weight.n())));
        }
        return weights;
    }

    /** Encodes a vector as little-endian float32 bytes: 4 bytes per dimension. */
    static AttributeValue vector(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float component : vector) {
            buffer.putFloat(component);
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(buffer.array()));
    }

    static float[] vector(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.b() == null) {
            return new float[0];
        }
        ByteBuffer buffer = value.b().asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[buffer.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }
}
