package dev.streamrank.artifact;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores candidate items for user histories with an ONNX Runtime session of a StreamRank model.
 *
 * <p>{@link #load} checks the graph's input and output names, element types and shapes against
 * {@link OnnxContract} and fails with expected versus found, so a broken artifact is rejected at
 * initialisation rather than on a request. The session is created once; {@link #score} is
 * thread-safe (ONNX Runtime sessions allow concurrent runs). Close it to free native memory.
 */
public final class OnnxScorer implements AutoCloseable {

    private static final List<String> INPUTS = List.of(OnnxContract.ITEM_SEQ, OnnxContract.CANDIDATES);
    private static final List<String> OUTPUTS = List.of(OnnxContract.SCORES, OnnxContract.USER_VECTOR);

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final int maxLen;
    private final int dimension;

    private OnnxScorer(OrtEnvironment environment, OrtSession session, int maxLen, int dimension) {
        this.environment = environment;
        this.session = session;
        this.maxLen = maxLen;
        this.dimension = dimension;
    }

    /**
     * The output of one run.
     *
     * @param scores      [batch][n] score of each candidate, same order as the request
     * @param userVectors [batch][dimension] sequence representation of each history
     */
    public record Scores(float[][] scores, float[][] userVectors) {
    }

    /**
     * Loads a serialized ONNX model and checks its interface.
     *
     * @param model          the ONNX file's bytes
     * @param intraOpThreads threads ONNX Runtime may use inside one operator; 1 suits a one-core Lambda
     * @throws ModelContractException when the bytes are not a loadable model or the interface differs
     */
    public static OnnxScorer load(byte[] model, int intraOpThreads) throws ModelContractException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new ModelContractException("ONNX Runtime could not load the model: " + e.getMessage(), e);
        }

        try {
            long[] itemSeq = checkTensor("input", session.getInputInfo(), OnnxContract.ITEM_SEQ, INPUTS,
                    OnnxJavaType.INT64, "int64 [batch, maxLen]");
            checkTensor("input", session.getInputInfo(), OnnxContract.CANDIDATES, INPUTS, OnnxJavaType.INT64,
                    "int64 [batch, n]");
            checkTensor("output", session.getOutputInfo(), OnnxContract.SCORES, OUTPUTS, OnnxJavaType.FLOAT,
                    "float [batch, n]");
            long[] userVector = checkTensor("output", session.getOutputInfo(), OnnxContract.USER_VECTOR, OUTPUTS,
                    OnnxJavaType.FLOAT, "float [batch, dim]");
            if (itemSeq[1] <= 0 || userVector[1] <= 0) {
                throw new ModelContractException("model input 'item_seq' and output 'user_vector' must have a fixed"
                        + " second dimension (maxLen, dim), found " + Arrays.toString(itemSeq) + " and "
                        + Arrays.toString(userVector));
            }
            return new OnnxScorer(environment, session, (int) itemSeq[1], (int) userVector[1]);
        } catch (ModelContractException | OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof ModelContractException contract) {
                throw contract;
            }
            throw new ModelContractException("could not read the model's interface: " + e.getMessage(), e);
        }
    }

    private static long[] checkTensor(String role, Map<String, NodeInfo> infos, String name, List<String> expected,
            OnnxJavaType type, String expectedForm) throws ModelContractException {
        if (!infos.keySet().equals(java.util.Set.copyOf(expected))) {
            throw new ModelContractException("model " + role + "s: expected " + expected + ", found " + infos.keySet());
        }
        if (!(infos.get(name).getInfo() instanceof TensorInfo tensor)) {
            throw new ModelContractException("model " + role + " '" + name + "': expected a tensor " + expectedForm
                    + ", found " + infos.get(name).getInfo());
        }
        long[] shape = tensor.getShape();
        if (tensor.type != type || shape.length != 2) {
            throw new ModelContractException("model " + role + " '" + name + "': expected " + expectedForm
                    + ", found " + tensor.type.name().toLowerCase() + " " + Arrays.toString(shape));
        }
        return shape;
    }

    /** Returns the sequence length the model takes; longer histories keep their last maxLen items. */
    public int maxLen() {
        return maxLen;
    }

    /** Returns the width of user vectors and item embeddings. */
    public int dimension() {
        return dimension;
    }

    /**
     * Runs the model.
     *
     * @param histories  per user, item indices oldest first, any length (0 allowed); each is
     *                   truncated to its last maxLen items and left-padded with 0
     * @param candidates per user, the item indices to score; all rows have the same length n &ge; 1
     */
    public Scores score(List<long[]> histories, long[][] candidates) throws OrtException {
        if (histories.size() != candidates.length || histories.isEmpty()) {
            throw new IllegalArgumentException("histories and candidates must have the same non-zero number of rows,"
                    + " found " + histories.size() + " and " + candidates.length);
        }
        int n = candidates[0].length;
        for (long[] row : candidates) {
            if (row.length != n || n == 0) {
                throw new IllegalArgumentException("every candidates row must have the same length n >= 1, found "
                        + row.length + " and " + n + "; pad with a real item index and drop its score");
            }
        }

        long[][] sequences = new long[histories.size()][];
        for (int row = 0; row < sequences.length; row++) {
            sequences[row] = leftPad(histories.get(row), maxLen);
        }
        try (OnnxTensor itemSeq = OnnxTensor.createTensor(environment, sequences);
                OnnxTensor candidateTensor = OnnxTensor.createTensor(environment, candidates);
                OrtSession.Result result = session.run(Map.of(OnnxContract.ITEM_SEQ, itemSeq,
                        OnnxContract.CANDIDATES, candidateTensor))) {
            float[][] scores = (float[][]) result.get(OnnxContract.SCORES).orElseThrow().getValue();
            float[][] userVectors = (float[][]) result.get(OnnxContract.USER_VECTOR).orElseThrow().getValue();
            return new Scores(scores, userVectors);
        }
    }

    /** Returns the last {@code maxLen} items of {@code history}, left-padded with 0 to exactly maxLen. */
    public static long[] leftPad(long[] history, int maxLen) {
        long[] padded = new long[maxLen];
        int length = Math.min(history.length, maxLen);
        System.arraycopy(history, history.length - length, padded, maxLen - length, length);
        return padded;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // The load already failed; the original error is the one to report.
        }
    }
}
