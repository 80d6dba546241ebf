package dev.streamrank.artifact;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The item embedding matrix [N + 1, dim], row i for item index i (row 0 is padding), stored as
 * row-major float32 little-endian. Used by the online update and by retrieval without ONNX.
 * Immutable; {@link #row} returns a copy.
 */
public final class ItemEmbeddings {

    private final int rows;
    private final int columns;
    private final float[] values;

    public ItemEmbeddings(int rows, int columns, float[] values) {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException("embedding matrix " + rows + " x " + columns + " needs "
                    + (long) rows * columns + " values, found " + values.length);
        }
        this.rows = rows;
        this.columns = columns;
        this.values = values.clone();
    }

    public static ItemEmbeddings fromBytes(byte[] bytes, int rows, int columns) {
        long expected = (long) rows * columns * Float.BYTES;
        if (bytes.length != expected) {
            throw new IllegalArgumentException("embedding file of shape [" + rows + ", " + columns + "] must hold "
                    + expected + " bytes, found " + bytes.length);
        }
        float[] values = new float[rows * columns];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new ItemEmbeddings(rows, columns, values);
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public float[] row(int index) {
        float[] row = new float[columns];
        System.arraycopy(values, index * columns, row, 0, columns);
        return row;
    }

    /** Returns the dot product of {@code vector} with row {@code index}, without copying. */
    public float dot(float[] vector, int index) {
        float sum = 0f;
        int offset = index * columns;
        for (int c = 0; c < columns; c++) {
            sum += vector[c] * values[offset + c];
        }
        return sum;
    }
}
