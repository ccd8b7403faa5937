package io.streamnet.nn.bench;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.spec.ReferenceSpecs;
import io.streamnet.nn.tensor.RowKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The memory probe behind model S's physical limit: what one core does with random 256-byte rows of S's table
 * (2^18 rows of 64 floats, 64 MB) when it only moves them, with no arithmetic worth the name. A training step of S at
 * batch 32 must at least read the 8,192 rows its ids name (forward) and read-modify-write each distinct one (the
 * update): {@link #step} does exactly that and nothing else, so its examples/s bound S's training rate on this
 * machine. {@link #gather} and {@link #update} time the two halves per row (256 bytes read; 256 read + 256 written).
 * The rows are moved by nn-core's own row kernels (the Vector API ones where they run), the fastest this JVM has,
 * from a table laid out as S's ({@link Parameter#sparseLineAligned}: rows on cache lines).
 *
 * {@link #gatherScoring} reads the rows of a scoring batch of 256 (65,536 rows, 16 MB), summed per example as S's
 * forward pass sums each bag: its examples/s bound S's scoring rate at batch 256.
 *
 * <p>{@code rows}: {@code same} reuses one batch's ids every step, as {@code ModelSTrainBenchmark} and the PyTorch
 * peer do (the 2 MB of rows stay in the caches); {@code fresh} cycles through 64 batches (128 MB of row traffic,
 * twice the table), so rows come from memory, as in a stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class RandomRowBandwidthBenchmark {
    static final int DIM = 64;
    static final int BATCH = 32;
    static final int IDS = BATCH * ReferenceBatches.S_IDS_PER_EXAMPLE;
    private static final int FRESH_BATCHES = 64;
    static final int SCORING_BATCH = 256;
    /** Fresh scoring batches: 8 x 16 MB of rows, twice the table. */
    private static final int FRESH_SCORING_BATCHES = 8;

    @Param({"same", "fresh"})
    public String rows;

    private float[] table;
    private int base;
    private int[][] batches;
    /** Each batch's distinct rows in ascending order, as the optimizer visits them. */
    private int[][] distinct;
    private int[][] scoringBatches;
    private int next;
    private int nextScoring;
    private final float[] acc = new float[DIM];
    private final float[] grad = new float[DIM];
    private final RowKernels kernels = RowKernels.get();

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        Parameter p = Parameter.sparseLineAligned("probe", "table", ReferenceSpecs.S_BUCKETS, DIM);
        table = p.value();
        base = p.offset();
        for (int i = 0; i < p.size(); i++) table[base + i] = (float) rnd.nextDouble(-0.1, 0.1);
        for (int j = 0; j < DIM; j++) grad[j] = (float) rnd.nextDouble(-1, 1);
        int count = rows.equals("same") ? 1 : FRESH_BATCHES;
        batches = new int[count][IDS];
        distinct = new int[count][];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < IDS; i++) batches[b][i] = rnd.nextInt(ReferenceSpecs.S_BUCKETS);
            distinct[b] = Arrays.stream(batches[b]).distinct().sorted().toArray();
        }
        int scoring = rows.equals("same") ? 1 : FRESH_SCORING_BATCHES;
        scoringBatches = new int[scoring][SCORING_BATCH * ReferenceBatches.S_IDS_PER_EXAMPLE];
        for (int[] ids : scoringBatches) {
            for (int i = 0; i < ids.length; i++) ids[i] = rnd.nextInt(ReferenceSpecs.S_BUCKETS);
        }
    }

    private int advance() {
        int b = next;
        next = next + 1 == batches.length ? 0 : next + 1;
        return b;
    }

    /** Reads every row a batch names (256 bytes each); per row. */
    @Benchmark
    @OperationsPerInvocation(IDS)
    public float gather() {
        return gatherRows(batches[advance()]);
    }

    /** Reads every row a scoring batch of 256 names, one sum per example; per example. */
    @Benchmark
    @OperationsPerInvocation(SCORING_BATCH)
    public float gatherScoring() {
        int[] ids = scoringBatches[nextScoring];
        nextScoring = nextScoring + 1 == scoringBatches.length ? 0 : nextScoring + 1;
        float s = 0;
        for (int e = 0, n = ReferenceBatches.S_IDS_PER_EXAMPLE; e < SCORING_BATCH; e++) {
            kernels.sumRows(table, base, DIM, ids, e * n, e * n + n, acc, 0);
            s += acc[0];
        }
        return s;
    }

    /** Read-modify-writes every distinct row of a batch (as a lazy SGD update, w -= lr g); per row of the batch. */
    @Benchmark
    @OperationsPerInvocation(IDS)
    public float update() {
        updateRows(distinct[advance()]);
        return table[base];
    }

    /** Both, as one training step of S moves its rows: per example (32 per step). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float step() {
        int b = advance();
        float s = gatherRows(batches[b]);
        updateRows(distinct[b]);
        return s;
    }

    private float gatherRows(int[] ids) {
        kernels.sumRows(table, base, DIM, ids, 0, ids.length, acc, 0);
        return acc[0];
    }

    private void updateRows(int[] ids) {
        for (int id : ids) kernels.sgd(table, base + id * DIM, grad, 0, DIM, 1e-6f, 1f, 0f);
    }
}
