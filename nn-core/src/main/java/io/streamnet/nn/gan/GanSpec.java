package io.streamnet.nn.gan;

import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.NetworkSpec;

/**
 * A GAN as data: the generator's and the discriminator's network specs (each with its own optimizer), the batch
 * size, how many discriminator steps precede each generator step, and the seed of the generator that draws the
 * noise and the real examples. The generator has one dense input, the noise z (its size is the noise dimension);
 * the discriminator one dense input as wide as the generator's output, one output unit (a logit) and the
 * {@code bce_with_logits} loss. {@code averageDecay} in [0, 1): when above 0, samples come from an exponential
 * moving average of the generator's weights ({@code avg = decay * avg + (1 - decay) * w} after each G step),
 * which damps the oscillation of adversarial training; 0 samples from the trained weights themselves.
 */
public record GanSpec(NetworkSpec generator, NetworkSpec discriminator, int batchSize, int discriminatorSteps, double averageDecay,
                      long seed) {
    public GanSpec {
        if (generator.inputs().size() != 1 || generator.inputs().get(0).type() != InputSpec.Type.DENSE) {
            throw new IllegalArgumentException("the generator needs exactly one dense input (the noise)");
        }
        if (discriminator.inputs().size() != 1 || discriminator.inputs().get(0).type() != InputSpec.Type.DENSE) {
            throw new IllegalArgumentException("the discriminator needs exactly one dense input (the samples)");
        }
        int produced = generator.graph().outputWidth();
        if (discriminator.inputs().get(0).size() != produced) {
            throw new IllegalArgumentException("the discriminator's input has " + discriminator.inputs().get(0).size()
                    + " values, the generator produces " + produced);
        }
        if (discriminator.graph().outputWidth() != 1 || !discriminator.loss().type().equals("bce_with_logits")) {
            throw new IllegalArgumentException("the discriminator needs one output unit (a logit) and the bce_with_logits loss");
        }
        if (!(averageDecay >= 0 && averageDecay < 1)) throw new IllegalArgumentException("averageDecay must be in [0, 1), got " + averageDecay);
        if (batchSize < 1 || discriminatorSteps < 1) throw new IllegalArgumentException("batchSize and discriminatorSteps must be >= 1");
    }

    /** The noise dimension: the size of the generator's input. */
    public int noiseSize() {
        return generator.inputs().get(0).size();
    }

    /** The size of one sample: the generator's output width. */
    public int sampleSize() {
        return generator.graph().outputWidth();
    }
}
