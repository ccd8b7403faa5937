package io.streamnet.nn.prequential;

import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.drift.Adwin;
import io.streamnet.nn.metrics.Accuracy;
import io.streamnet.nn.metrics.CumulativeAuc;
import io.streamnet.nn.metrics.LogLoss;
import io.streamnet.nn.metrics.WindowedAuc;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import java.util.List;

/**
 * Prequential (test-then-train) evaluation of a binary text classifier: the stream is cut into minibatches; each
 * batch is featurized, scored by the model as it was before the batch (every event is scored before the model has
 * trained on it, the first batch included), the model trains on the batch, and the metrics count the scores.
 *
 * <p>Metrics: accuracy (probability above 0.5 predicts positive), log-loss, AUC over the whole stream
 * ({@link CumulativeAuc}) and over the last {@value #AUC_WINDOW} events, the number of changes ADWIN finds in the
 * 0/1 error stream (while a model learns its error rate falls, which ADWIN reports as change too), and the number
 * of batches the network refused to apply (non-finite loss or gradient).
 */
public final class TextPrequentialRunner {
    static final int AUC_WINDOW = 10_000;

    private final FeatureSpec features;
    private final int batchSize;
    private final Network network;
    private final ScoreThenTrain step;
    private final ProgressReporter progress;
    private java.util.function.BiConsumer<Long, Double> curve = (events, accuracy) -> {};

    /** @param features text_hashing (a bag of n-grams) or token_sequence (tokens in order) */
    public TextPrequentialRunner(FeatureSpec features, int batchSize, Network network, ProgressReporter progress) {
        TextFeatures.of(features); // fails now on features that are not for texts
        this.features = features;
        this.batchSize = batchSize;
        this.network = network;
        this.step = new ScoreThenTrain(network);
        this.progress = progress;
    }

    /** Receives (events so far, accuracy so far) after every batch: a learning curve. Returns this runner. */
    public TextPrequentialRunner withCurve(java.util.function.BiConsumer<Long, Double> curve) {
        this.curve = curve;
        return this;
    }

    /** Streams {@code stream} (already in stream order) and returns the final metrics line. */
    public MetricsLine run(List<LabeledText> stream) {
        Accuracy accuracy = new Accuracy();
        LogLoss logLoss = new LogLoss();
        CumulativeAuc auc = new CumulativeAuc();
        WindowedAuc windowAuc = new WindowedAuc(AUC_WINDOW);
        Adwin adwin = new Adwin();
        long rejected = 0;

        Batch batch = network.newBatch();
        TextFeatures featurizer = TextFeatures.of(features);
        float[] scores = new float[batchSize];
        long start = System.nanoTime();
        int n = stream.size();
        for (int from = 0; from < n; from += batchSize) {
            int size = Math.min(batchSize, n - from);
            batch.start(size);
            for (int b = 0; b < size; b++) {
                LabeledText record = stream.get(from + b);
                featurizer.add(batch, b, record.text());
                batch.targets().set(b, record.label());
            }
            if (!step.step(batch, scores)) {
                rejected++;
            }
            for (int b = 0; b < size; b++) {
                int label = stream.get(from + b).label();
                float p = scores[b];
                if (!(p >= 0f && p <= 1f)) {
                    throw new IllegalStateException("model produced " + p + " for event " + (from + b)
                            + " (record " + stream.get(from + b).index() + "): not a probability");
                }
                accuracy.update(p, label);
                logLoss.update(p, label);
                auc.update(p, label);
                windowAuc.update(p, label);
                adwin.update((p > 0.5f) == (label == 1) ? 0.0 : 1.0);
            }
            long events = from + size;
            curve.accept(events, accuracy.value());
            progress.maybeReport(() -> new MetricsLine().put("events", events)
                    .put("events_per_s", rate(events, start)).put("accuracy", accuracy.value()));
        }
        progress.finish();
        return new MetricsLine()
                .put("events", accuracy.count())
                .put("accuracy", accuracy.value())
                .put("auc", auc.value())
                .put("logloss", logLoss.value())
                .put("events_per_s", rate(accuracy.count(), start))
                .put("auc_window", windowAuc.value())
                .put("adwin_changes", adwin.detections())
                .put("rejected_batches", rejected)
                .put("seconds", (System.nanoTime() - start) / 1e9);
    }

    static long rate(long events, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return s <= 0 ? 0 : Math.round(events / s);
    }
}
