package io.streamnet.jobs.cli;

/**
 * One point of the learning curve, from one trainer metrics record.
 *
 * @param events         labeled events scored test-then-train so far
 * @param accuracy       prequential accuracy over all of them
 * @param windowAccuracy prequential accuracy over the trainer's recent window (NaN when not reported)
 */
public record CurvePoint(long events, double accuracy, double windowAccuracy) {}
