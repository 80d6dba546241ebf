package dev.streamrank.training.export;

import static dev.streamrank.training.export.OnnxProto.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects nodes, initializers and the graph's inputs and outputs, and serializes them as an ONNX
 * ModelProto. Node outputs get unique names from a counter so callers only name what matters.
 */
final class OnnxGraph {

    /** IR version 8 is the one that goes with opset 17 (onnx 1.12). */
    static final long IR_VERSION = 8;
    static final long OPSET = 17;

    private final List<ProtoMessage> nodes = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();
    private final List<ProtoMessage> inputs = new ArrayList<>();
    private final List<ProtoMessage> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int counter;

    /** A node attribute; build with the static factories. */
    record Attribute(ProtoMessage message) {
        static Attribute ofInt(String name, long value) {
            return new Attribute(new ProtoMessage().string(ATTRIBUTE_NAME, name).int64(ATTRIBUTE_I, value)
                    .int32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT));
        }

        static Attribute ofFloat(String name, float value) {
            return new Attribute(new ProtoMessage().string(ATTRIBUTE_NAME, name).float32(ATTRIBUTE_F, value)
                    .int32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_FLOAT));
        }

        static Attribute ofInts(String name, long... values) {
            ProtoMessage message = new ProtoMessage().string(ATTRIBUTE_NAME, name);
            for (long value : values) {
                message.int64(ATTRIBUTE_INTS, value);
            }
            return new Attribute(message.int32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS));
        }

        static Attribute ofTensor(String name, ProtoMessage tensor) {
            return new Attribute(new ProtoMessage().string(ATTRIBUTE_NAME, name).message(ATTRIBUTE_T, tensor)
                    .int32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_TENSOR));
        }
    }

    /** Adds a node with one output and returns the output's name. */
    String node(String opType, List<String> nodeInputs, Attribute... attributes) {
        String output = opType.toLowerCase() + "_" + (counter++);
        nodeNamed(opType, output, nodeInputs, attributes);
        return output;
    }

    /** Adds a node whose single output has the given name (a graph output, for example). */
    String nodeNamed(String opType, String output, List<String> nodeInputs, Attribute... attributes) {
        ProtoMessage node = new ProtoMessage();
        for (String input : nodeInputs) {
            node.string(NODE_INPUT, input);
        }
        node.string(NODE_OUTPUT, output).string(NODE_NAME, output + "_node").string(NODE_OP_TYPE, opType);
        for (Attribute attribute : attributes) {
            node.message(NODE_ATTRIBUTE, attribute.message());
        }
        nodes.add(node);
        return output;
    }

    String floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, dims, DATA_TYPE_FLOAT, raw.array()));
        return name;
    }

    String int8Tensor(String name, long[] dims, byte[] values) {
        initializers.add(tensor(name, dims, DATA_TYPE_INT8, values));
        return name;
    }

    String int64Tensor(String name, long[] dims, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, dims, DATA_TYPE_INT64, raw.array()));
        return name;
    }

    /** Returns a float tensor message for attributes, such as ConstantOfShape's value. */
    static ProtoMessage floatValue(float value) {
        ByteBuffer raw = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        return tensor("value", new long[] {1}, DATA_TYPE_FLOAT, raw.array());
    }

    /**
     * Declares a graph input or output; a dimension is a Long (fixed size) or a String (a named
     * dynamic size such as "batch").
     */
    void input(String name, int elementType, Object... dims) {
        inputs.add(valueInfo(name, elementType, dims));
    }

    void output(String name, int elementType, Object... dims) {
        outputs.add(valueInfo(name, elementType, dims));
    }

    void metadata(String key, String value) {
        metadata.put(key, value);
    }

    byte[] toModelBytes(String graphName, String producer, String producerVersion) {
        ProtoMessage graph = new ProtoMessage();
        nodes.forEach(node -> graph.message(GRAPH_NODE, node));
        graph.string(GRAPH_NAME, graphName);
        initializers.forEach(tensor -> graph.message(GRAPH_INITIALIZER, tensor));
        inputs.forEach(input -> graph.message(GRAPH_INPUT, input));
        outputs.forEach(output -> graph.message(GRAPH_OUTPUT, output));

        ProtoMessage model = new ProtoMessage()
                .int64(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, producer)
                .string(MODEL_PRODUCER_VERSION, producerVersion)
                .message(MODEL_GRAPH, graph)
                .message(MODEL_OPSET_IMPORT, new ProtoMessage().string(OPSET_DOMAIN, "").int64(OPSET_VERSION, OPSET));
        metadata.forEach((key, value) -> model.message(MODEL_METADATA_PROPS,
                new ProtoMessage().string(ENTRY_KEY, key).string(ENTRY_VALUE, value)));
        return model.toByteArray();
    }

    private static ProtoMessage tensor(String name, long[] dims, int dataType, byte[] raw) {
        ProtoMessage tensor = new ProtoMessage();
        for (long dim : dims) {
            tensor.int64(TENSOR_DIMS, dim);
        }
        return tensor.int32(TENSOR_DATA_TYPE, dataType).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw);
    }

    private static ProtoMessage valueInfo(String name, int elementType, Object... dims) {
        ProtoMessage shape = new ProtoMessage();
        for (Object dim : dims) {
            ProtoMessage dimension = dim instanceof String param
                    ? new ProtoMessage().string(DIMENSION_PARAM, param)
                    : new ProtoMessage().int64(DIMENSION_VALUE, ((Number) dim).longValue());
            shape.message(SHAPE_DIM, dimension);
        }
        ProtoMessage tensorType = new ProtoMessage().int32(TENSOR_TYPE_ELEM_TYPE, elementType)
                .message(TENSOR_TYPE_SHAPE, shape);
        ProtoMessage type = new ProtoMessage().message(TYPE_TENSOR_TYPE, tensorType);
        return new ProtoMessage().string(VALUE_INFO_NAME, name).message(VALUE_INFO_TYPE, type);
    }
}
