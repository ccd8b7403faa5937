package io.streamnet.nn.loss;

/** An invalid target found by {@link Loss#checkTargets}: the example's index in the batch and what is wrong. */
public record TargetProblem(int index, String problem) {}
