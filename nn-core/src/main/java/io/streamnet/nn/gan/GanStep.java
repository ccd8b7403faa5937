package io.streamnet.nn.gan;

/**
 * What one {@link AdversarialTrainer#step} did.
 *
 * @param discriminatorLoss the last discriminator step's loss: mean BCE over its real (label 1) and fake (label 0) examples
 * @param generatorLoss     the non-saturating generator loss, mean -log D(G(z)), before the update
 * @param discriminatorSteps discriminator steps applied (a step with a non-finite loss or gradient is not)
 * @param generatorTrained  whether the generator's update was applied
 */
public record GanStep(double discriminatorLoss, double generatorLoss, int discriminatorSteps, boolean generatorTrained) {}
