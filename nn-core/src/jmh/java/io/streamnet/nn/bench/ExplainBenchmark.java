package io.streamnet.nn.bench;

import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.explain.TextExplainer;
import io.streamnet.nn.explain.TokenContribution;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.FeatureSpec;
import io.streamnet.nn.prequential.RunnerSpec;
import java.util.List;
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
 * The cost of an explanation in the scorer: one text scored as the sentiment scorer does (featurize, predict), and
 * scored and explained (plus integrated gradients, the mapping to tokens and the top 5), with the default sentiment
 * spec. The texts are sentences of SST-2 dev's length (about 20 tokens), written for this benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Threads(1)
public class ExplainBenchmark {
    private static final String[] TEXTS = {
        "the film is a quiet , moving portrait of a family that never quite finds the words it needs .",
        "a tedious , overlong mess with wooden acting and a plot that makes no sense at all , even for a sequel .",
        "funny , sharp and surprisingly tender , it is the rare comedy that earns every one of its laughs .",
        "not as bad as the trailer suggests , but the second half drags and the ending feels like a shrug .",
    };

    /** Integrated-gradient path points. */
    @Param({"32", "8"})
    public int steps;

    private Network net;
    private TextHashingFeaturizer featurizer;
    private TextExplainer explainer;
    private final IdBuffer ids = new IdBuffer();
    private Batch batch;
    private int next;

    @Setup
    public void setUp() {
        RunnerSpec spec = RunnerSpec.forDataset(Dataset.SST2);
        TextHashingConfig features = ((FeatureSpec.TextHashing) spec.features()).config();
        net = Network.forScoring(spec.network());
        featurizer = new TextHashingFeaturizer(features);
        explainer = new TextExplainer(spec.network(), features, steps);
        batch = net.newBatch();
    }

    @Benchmark
    public float score() {
        return predict(nextText());
    }

    @Benchmark
    public List<TokenContribution> scoreAndExplain() {
        String text = nextText();
        predict(text);
        return explainer.explain(net, text).top(5);
    }

    private String nextText() {
        next = (next + 1) % TEXTS.length;
        return TEXTS[next];
    }

    private float predict(String text) {
        ids.clear();
        featurizer.featurize(text, ids);
        batch.start(1);
        batch.sparse("tokens").addExample(ids.array(), 0, ids.size());
        return net.predict(batch).data()[0];
    }
}
