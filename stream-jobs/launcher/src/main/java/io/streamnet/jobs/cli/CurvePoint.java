package io.streamnet.jobs.cli;

/**
 * One point of a learning curve, from one trainer metrics record.
 *
 * @param events    labeled events replayed up to this point (each scored before it is learned from)
 * @param value     the trainer's prequential figure over all of them (e.g. accuracy, HR@10)
 * @param reference what the curve draws beside it at the same point (NaN when not known)
 */
public record CurvePoint(long events, double value, double reference) {}
