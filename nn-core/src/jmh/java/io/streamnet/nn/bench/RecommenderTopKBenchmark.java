package io.streamnet.nn.bench;

import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.reco.Recommender;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.reco.UserHistory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One top-10 over the whole catalogue (the scorer's answer to a request), the default MovieLens spec (dim 128), on a
 * scoring copy, which scans the bfloat16 copy of the item table ({@code bfloat16}), or on the trainable model, which
 * scans the float table ({@code float}). Both give the same answer. 64 users with 20-item histories in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class RecommenderTopKBenchmark {
    @Param({"1000", "10000", "100000"})
    public int items;

    @Param({"bfloat16", "float"})
    public String scan;

    private Recommender model;
    private final UserHistory[] histories = new UserHistory[64];
    private final long[] ids = new long[10];
    private final float[] scores = new float[10];
    private int next;

    @Setup
    public void setUp() {
        int capacity = Integer.highestOneBit(items) * 2;
        String json = RecoRunnerSpec.defaults().learner().model().toJson().replace("32768", Integer.toString(capacity));
        Recommender trainer = Recommender.build(RecommenderSpec.fromJson(json));
        SplittableRandom rng = new SplittableRandom(17);
        for (int row = 1; row <= items; row++) {
            trainer.items().assign(row, 10L * row);
        }
        for (int u = 0; u < histories.length; u++) {
            histories[u] = new UserHistory(trainer.spec().history());
            for (int i = 0; i < 20; i++) {
                histories[u].record(10L * (1 + rng.nextInt(items)), rng.nextBoolean());
            }
        }
        model = scan.equals("float") ? trainer : trainer.scoringCopy();
        topK();
        topK();
    }

    /**
     * What a new version costs the scorer's next two answers: the first scans the float table (the model changed since
     * the last call), the second rebuilds the bfloat16 copy and scans it.
     */
    @Benchmark
    public int topKTwiceAfterANewVersion() {
        model.contentChanged();
        return topK() + topK();
    }

    @Benchmark
    public int topK() {
        int u = next++ & 63;
        return model.topK(histories[u], u, 10, ids, scores);
    }
}
