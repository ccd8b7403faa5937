package io.streamnet.nn.gan;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Tensor;
import java.util.List;

/**
 * Adversarial training of a {@link GanSpec}: a generator G and a discriminator D, two {@link Network}s with their
 * own optimizers, trained in alternation.
 *
 * <ul>
 *   <li><b>D step</b> (k = {@code discriminatorSteps} per G step): one batch of {@code batchSize} real examples
 *       (label 1) and {@code batchSize} samples of G (label 0), BCE with logits; G's samples are computed in
 *       inference mode and are plain inputs to D (detached: nothing flows back to G).</li>
 *   <li><b>G step</b>: the non-saturating loss {@code -log D(G(z))}, i.e. BCE with label 1 on D's logit of G's
 *       samples, differentiated through D (its input gradient, D's weights untouched) into G, whose optimizer
 *       applies it.</li>
 * </ul>
 * Every random draw (noise, real examples) comes from one generator seeded by {@code spec.seed()}, the networks'
 * initial weights from their specs' seeds: the same specs give bit-identical weights after the same steps. A step
 * whose loss or gradient is not finite is not applied (the networks' own guards), so no NaN reaches the weights.
 * With {@code averageDecay} > 0, {@link #sample} uses a moving average of the generator's weights
 * ({@link #sampler()}). Not thread-safe. Buffers are reused: a step allocates only its small result.
 */
public final class AdversarialTrainer {
    private final GanSpec spec;
    private final Network generator;
    private final Network discriminator;
    /** The generator that samples: a scoring copy holding the weights' moving average, or the generator itself. */
    private final Network sampler;
    private final SampleSource real;
    private final Rng rng;
    private final String noiseInput;
    private final String sampleInput;
    private final Batch noise;
    private final Batch discriminatorBatch;
    private final Batch generatorBatch;
    private long steps;

    public AdversarialTrainer(GanSpec spec, SampleSource real) {
        if (real.width() != spec.sampleSize()) {
            throw new IllegalArgumentException("real examples have " + real.width() + " values, the generator produces " + spec.sampleSize());
        }
        this.spec = spec;
        this.real = real;
        this.generator = Network.build(spec.generator());
        this.discriminator = Network.build(spec.discriminator());
        this.sampler = spec.averageDecay() > 0 ? generator.scoringCopy() : generator;
        this.rng = new Rng(spec.seed());
        this.noiseInput = spec.generator().inputs().get(0).name();
        this.sampleInput = spec.discriminator().inputs().get(0).name();
        discriminator.setInputGradientNeeded(sampleInput, true);
        this.noise = generator.newBatch();
        this.discriminatorBatch = discriminator.newBatch();
        this.generatorBatch = discriminator.newBatch();
    }

    /** k discriminator steps, then one generator step. */
    public GanStep step() {
        int b = spec.batchSize();
        int width = spec.sampleSize();
        double dLoss = Double.NaN;
        int dSteps = 0;
        for (int s = 0; s < spec.discriminatorSteps(); s++) {
            discriminatorBatch.start(2 * b);
            float[] x = discriminatorBatch.dense(sampleInput).data();
            real.sample(rng, x, b);
            Tensor fake = generator.predict(drawNoise(b));
            System.arraycopy(fake.data(), 0, x, b * width, b * width);
            for (int i = 0; i < 2 * b; i++) discriminatorBatch.targets().set(i, i < b ? 1f : 0f);
            TrainResult r = discriminator.trainBatch(discriminatorBatch);
            dLoss = r.loss();
            if (r.trained()) dSteps++;
        }
        Tensor fake = generator.forwardForTraining(drawNoise(b));
        generatorBatch.start(b);
        System.arraycopy(fake.data(), 0, generatorBatch.dense(sampleInput).data(), 0, b * width);
        for (int i = 0; i < b; i++) generatorBatch.targets().set(i, 1f);
        boolean gTrained = false;
        double gLoss = Double.NaN;
        if (allFinite(fake)) {
            gLoss = discriminator.computeGradients(generatorBatch);
            if (Double.isFinite(gLoss)) gTrained = generator.trainFromOutputGradient(discriminator.inputGradient(sampleInput)).trained();
        }
        if (gTrained && sampler != generator) average();
        steps++;
        return new GanStep(dLoss, gLoss, dSteps, gTrained);
    }

    /** {@code avg = decay * avg + (1 - decay) * w} for every generator weight (trained weights are finite). */
    private void average() {
        float decay = (float) spec.averageDecay();
        List<Parameter> from = generator.parameters();
        List<Parameter> to = sampler.parameters();
        for (int p = 0; p < from.size(); p++) {
            float[] w = from.get(p).value();
            float[] a = to.get(p).value();
            int wo = from.get(p).offset();
            int ao = to.get(p).offset();
            for (int i = 0, n = from.get(p).size(); i < n; i++) a[ao + i] = decay * a[ao + i] + (1 - decay) * w[wo + i];
        }
    }

    /** Draws {@code n} samples of {@link #sampler()} (inference mode) into {@code out} ({@code n * sampleSize} floats, row-major). */
    public void sample(int n, float[] out) {
        int width = spec.sampleSize();
        for (int done = 0; done < n; done += spec.batchSize()) {
            int m = Math.min(spec.batchSize(), n - done);
            Tensor p = sampler.predict(drawNoise(m));
            System.arraycopy(p.data(), 0, out, done * width, m * width);
        }
    }

    /** Fills the noise batch with {@code n} standard normal vectors from the trainer's generator. */
    private Batch drawNoise(int n) {
        noise.start(n);
        float[] z = noise.dense(noiseInput).data();
        int size = n * spec.noiseSize();
        for (int i = 0; i < size; i++) z[i] = (float) rng.nextGaussian();
        return noise;
    }

    private static boolean allFinite(Tensor t) {
        float[] d = t.data();
        for (int i = 0, n = t.size(); i < n; i++) if (!Float.isFinite(d[i])) return false;
        return true;
    }

    public Network generator() {
        return generator;
    }

    /** The network {@link #sample} draws from: the weights' moving average when configured, else {@link #generator()}. */
    public Network sampler() {
        return sampler;
    }

    public Network discriminator() {
        return discriminator;
    }

    public GanSpec spec() {
        return spec;
    }

    /** The generator of noise and real examples; its state is the trainer's state. */
    public Rng rng() {
        return rng;
    }

    /** G steps taken (each after k D steps). */
    public long steps() {
        return steps;
    }
}
