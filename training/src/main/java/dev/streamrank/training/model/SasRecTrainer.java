package dev.streamrank.training.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.streamrank.training.eval.Metrics;
import dev.streamrank.training.eval.RankingCase;
import dev.streamrank.training.eval.RankingEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SasRecNetwork} with Adam on next-item prediction and keeps the weights of the
 * epoch with the best validation NDCG@10 (full ranking), stopping after {@code patience}
 * validations without improvement.
 *
 * <p>Every position of a training sequence predicts the next item. Randomness comes from the
 * config seed only (parameter init and dropout through the engine's seed, shuffling and negatives
 * through a {@link SplittableRandom}), so on CPU the same seed and data give the same weights.
 * Not thread-safe; close it to free the native memory.
 */
public final class SasRecTrainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SasRecTrainer.class);

    /** gBCE calibration t of gSASRec; 0.75 is the value its authors recommend for MovieLens. */
    static final double GBCE_CALIBRATION = 0.75;

    private final SasRecConfig config;
    private final int itemCount;
    private final Model model;
    private final SasRecNetwork network;
    private final Trainer trainer;
    private final SplittableRandom random;

    public SasRecTrainer(SasRecConfig config, int itemCount, Device device) {
        this.config = config;
        this.itemCount = itemCount;
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        this.random = new SplittableRandom(config.seed());

        network = new SasRecNetwork(config, itemCount);
        model = Model.newInstance("sasrec", device, "PyTorch");
        model.setBlock(network);
        // The loss here only satisfies the config; the objective is computed in step().
        // Xavier normal (std sqrt(2 / (fanIn + fanOut))) on every weight, as the PyTorch reference
        // does. DJL's default for WEIGHT is std sqrt(2 / fanIn), which gives the [N + 1, d] item table
        // std 0.2 instead of 0.014: random item scores then drown what a few hundred steps learn.
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.l2Loss())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.AVG, 1f), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {device})
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate()))
                        .optBeta2(0.98f).build());
        trainer = model.newTrainer(trainingConfig);
        trainer.initialize(new Shape(config.batchSize(), config.maxLen()));
    }

    public SasRecNetwork network() {
        return network;
    }

    /** Returns a scorer over the network's current weights. */
    public SasRecScorer scorer() {
        return new SasRecScorer(network, trainer.getManager(), config.maxLen());
    }

    /**
     * Runs up to {@code config.epochs()} epochs and leaves the best validated weights in the network.
     *
     * @param sequences  training sequences (item indices, oldest first), one per user
     * @param validation validation cases ranked with full ranking for early stopping
     */
    public TrainingResult fit(List<int[]> sequences, List<RankingCase> validation, TrainingListener listener)
            throws Exception {
        List<int[]> trainable = sequences.stream().filter(sequence -> sequence.length >= 2).toList();
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("no training sequence has two or more items; nothing to learn");
        }
        int batches = (trainable.size() + config.batchSize() - 1) / config.batchSize();
        listener.onStart(config.epochs(), batches);

        RankingEvaluator evaluator = new RankingEvaluator(itemCount);
        List<EpochReport> reports = new ArrayList<>();
        SasRecWeights best = SasRecWeights.copyOf(network);
        EarlyStopping stopping = new EarlyStopping(config.patience());
        double trainingSeconds = 0;

        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            double loss = runEpoch(trainable, epoch, listener);
            double seconds = (System.nanoTime() - start) / 1e9;

            // NOTE: on identical data, runs inside one JVM can drift apart after about 10 epochs
            // and occasionally reach a NaN loss, while separate command-line runs repeat bit for
            // bit. The cause is unknown. A candidate is the MKL that libtorch links, whose results
            // can depend on memory alignment unless MKL_CBWR is set (not tried). Until it is found,
            // a diverged run keeps its best validated weights.
            if (!Double.isFinite(loss)) {
                stopping.diverged(epoch, loss, config.learningRate(), config.evalEvery());
                LOG.warn("training loss became {} at epoch {}; stopping with the weights of epoch {} (validation"
                        + " NDCG@10 {}); a lower learning rate than {} may train further", loss, epoch,
                        stopping.bestEpoch(), stopping.bestNdcg(), config.learningRate());
                listener.onDiverged(epoch, loss, stopping.bestEpoch());
                break;
            }
            trainingSeconds += seconds;

            Metrics metrics = null;
            if (epoch % config.evalEvery() == 0 || epoch == config.epochs()) {
                metrics = evaluator.full(scorer(), validation);
            }
            EpochReport report = new EpochReport(epoch, loss, seconds, trainable.size() / seconds,
                    metrics == null ? Double.NaN : metrics.ndcg10(), metrics == null ? Double.NaN : metrics.hr10());
            reports.add(report);
            listener.onEpoch(report);

            EarlyStopping.Decision decision = metrics == null ? EarlyStopping.Decision.CONTINUE
                    : stopping.validated(epoch, metrics.ndcg10());
            if (decision == EarlyStopping.Decision.KEEP_WEIGHTS) {
                best = SasRecWeights.copyOf(network);
            } else if (decision == EarlyStopping.Decision.STOP) {
                break;
            }
        }

        best.copyInto(network);
        return new TrainingResult(best, reports, stopping.bestEpoch(), stopping.bestNdcg(),
                trainingSeconds / reports.size(), trainable.size() * reports.size() / trainingSeconds,
                stopping.divergedAtEpoch());
    }

    private double runEpoch(List<int[]> sequences, int epoch, TrainingListener listener) {
        int[] order = shuffledIndices(sequences.size());
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += config.batchSize()) {
            int end = Math.min(order.length, start + config.batchSize());
            List<int[]> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                batch.add(sequences.get(order[i]));
            }
            double loss = step(batch);
            lossSum += loss;
            batches++;
            listener.onBatch(epoch, loss);
        }
        return lossSum / batches;
    }

    /** Runs one optimizer step on a batch; every array lives in a scope closed at the end. */
    private double step(List<int[]> batch) {
        int rows = batch.size();
        int length = config.maxLen();
        long[] inputs = new long[rows * length];
        long[] targets = new long[rows * length];
        int perPosition = config.negatives();
        boolean perPositionNegatives = config.loss() == LossKind.BCE || config.loss() == LossKind.GBCE;
        long[] negatives = perPositionNegatives ? new long[rows * length * perPosition] : null;
        for (int row = 0; row < rows; row++) {
            int[] sequence = batch.get(row);
            SequenceBatch.leftPad(sequence, 0, sequence.length - 1, length, inputs, row);
            SequenceBatch.leftPad(sequence, 1, sequence.length, length, targets, row);
            if (negatives != null) {
                sampleUnseen(sequence, itemCount, random, negatives, row * length * perPosition, length * perPosition);
            }
        }

        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray input = scope.create(inputs, new Shape(rows, length));
            NDArray target = scope.create(targets, new Shape(rows, length));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray hidden = trainer.forward(new NDList(input)).singletonOrThrow();
                NDArray objective = objective(scope, hidden, target, negatives);
                collector.backward(objective);
                loss = objective.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    /**
     * @param positionNegatives {@code negatives} unseen items per position for BCE and gBCE,
     *                          [batch * L * K], or null for the other losses
     */
    private NDArray objective(NDManager scope, NDArray hidden, NDArray target, long[] positionNegatives) {
        NDArray table = network.itemEmbedding().getArray();
        if (config.loss() == LossKind.CE) {
            return catalogCrossEntropy(hidden, target, table);
        }
        NDArray mask = target.neq(0).toType(DataType.FLOAT32, false);
        NDArray positive = dot(hidden, lookup(table, target));

        NDArray perPosition;
        if (positionNegatives != null) {
            Shape shape = target.getShape();
            NDArray negativeIds = scope.create(positionNegatives,
                    new Shape(shape.get(0), shape.get(1), config.negatives()));
            NDArray negative = hidden.expandDims(2).mul(lookup(table, negativeIds)).sum(new int[] {3});
            // BCE takes the mean over the K negatives of a position, so K = 1 is the reference's
            // objective and a larger K only lowers its variance. gBCE sums them and shrinks the
            // positive term by beta, as gSASRec does.
            perPosition = config.loss() == LossKind.BCE
                    ? softplus(positive.neg()).add(softplus(negative).mean(new int[] {2}))
                    : softplus(positive.neg()).mul(gbceBeta()).add(softplus(negative).sum(new int[] {2}));
        } else {
            NDArray negativeIds = scope.create(sampleItems(config.negatives()));
            // [batch, L, K]: every position against the batch's shared negatives; a negative that
            // equals the position's target is pushed to -1e9 so that it counts as neither.
            NDArray accidental = target.expandDims(2).eq(negativeIds.reshape(1, 1, -1)).toType(DataType.FLOAT32, false);
            NDArray negative = hidden.matMul(lookup(table, negativeIds).transpose())
                    .sub(accidental.mul(SasRecNetwork.MASK_PENALTY));
            perPosition = NDArrays.concatLogits(positive, negative).logSoftmax(-1).get(":, :, 0").neg();
        }
        return perPosition.mul(mask).sum().div(mask.sum().maximum(1f));
    }

    /**
     * Returns the mean softmax cross-entropy of each target against every item, over the positions
     * that have a target. Padding positions are dropped before the [positions, N + 1] product,
     * because on ml-latest-small they are about half of the rows. Column 0 (padding) gets the mask
     * penalty, so it takes no probability mass.
     */
    private NDArray catalogCrossEntropy(NDArray hidden, NDArray target, NDArray table) {
        long d = hidden.getShape().get(2);
        NDManager manager = target.getManager();
        long[] flatTargets = target.toLongArray();
        long[] keptRows = new long[flatTargets.length];
        long[] keptTargets = new long[flatTargets.length];
        int count = 0;
        for (int i = 0; i < flatTargets.length; i++) {
            if (flatTargets[i] != 0) {
                keptRows[count] = i;
                keptTargets[count++] = flatTargets[i];
            }
        }
        NDArray rows = manager.create(Arrays.copyOf(keptRows, count));
        NDArray positions = hidden.reshape(-1, d).get(new NDIndex("{}", rows));
        NDArray targets = manager.create(Arrays.copyOf(keptTargets, count), new Shape(count, 1));

        NDArray logits = positions.matMul(table.transpose());
        NDArray paddingColumn = manager.zeros(new Shape(1, table.getShape().get(0)));
        paddingColumn.set(new NDIndex("0, 0"), SasRecNetwork.MASK_PENALTY);
        NDArray logProbabilities = logits.sub(paddingColumn).logSoftmax(-1);
        return logProbabilities.gather(targets, 1).neg().mean();
    }

    /**
     * Returns gSASRec's beta = alpha (t (1 - 1/alpha) + 1/alpha), where alpha = K / (N - 1) is the
     * negative sampling rate; beta below 1 shrinks the positive term.
     */
    double gbceBeta() {
        double alpha = config.negatives() / (double) Math.max(1, itemCount - 1);
        return alpha * (GBCE_CALIBRATION * (1 - 1 / alpha) + 1 / alpha);
    }

    private static NDArray lookup(NDArray table, NDArray ids) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private static NDArray dot(NDArray hidden, NDArray items) {
        return hidden.mul(items).sum(new int[] {2});
    }

    private static NDArray softplus(NDArray x) {
        return Activation.softPlus(x);
    }

    /**
     * Fills {@code count} cells from {@code offset} with items drawn uniformly from those the user
     * never interacted with in the training sequence, as the PyTorch reference does. A uniform
     * draw over all items would push down items the user did pick: 28 % of the negatives of the
     * heaviest ml-latest-small user (2,698 of 9,724 items).
     */
    static void sampleUnseen(int[] sequence, int itemCount, SplittableRandom random, long[] negatives, int offset,
            int count) {
        BitSet seen = new BitSet(itemCount + 1);
        for (int item : sequence) {
            seen.set(item);
        }
        if (seen.cardinality() >= itemCount) {
            // Nothing is unseen; any item is as good as another and the loss stays finite.
            for (int i = 0; i < count; i++) {
                negatives[offset + i] = 1 + random.nextInt(itemCount);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int item;
            do {
                item = 1 + random.nextInt(itemCount);
            } while (seen.get(item));
            negatives[offset + i] = item;
        }
    }

    /** Uniform item indices in 1..N. */
    private long[] sampleItems(long count) {
        long[] items = new long[(int) count];
        for (int i = 0; i < items.length; i++) {
            items[i] = 1 + random.nextInt(itemCount);
        }
        return items;
    }

    private int[] shuffledIndices(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    /** Array helpers the DJL API lacks in the needed form. */
    private static final class NDArrays {
        static NDArray concatLogits(NDArray positive, NDArray negative) {
            return positive.expandDims(2).concat(negative, 2);
        }
    }
}
