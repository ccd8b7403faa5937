/**
 * Snapshots of a model as bytes, Flink- and Kafka-free so that any reader (the job's scorer, a Kafka Streams
 * scorer, a tool) decodes them alike.
 *
 * <ul>
 *   <li>{@link io.streamnet.nn.snapshot.ModelVersion}: {@code (epoch, version)}, never going back.</li>
 *   <li>{@link io.streamnet.nn.snapshot.ModelContent}: what a payload carries of a model, its parameters and
 *       {@link io.streamnet.nn.snapshot.IdTable}s.</li>
 *   <li>{@link io.streamnet.nn.snapshot.SnapshotPayload}: FULL and DELTA payloads (layout:
 *       {@code PayloadFormat}), applied in place; {@link io.streamnet.nn.snapshot.DeltaTracker} makes them on the
 *       trainer side (cumulative deltas against the last full payload); {@link io.streamnet.nn.snapshot.PayloadParts}
 *       cuts one into bounded parts.</li>
 * </ul>
 */
package io.streamnet.nn.snapshot;
