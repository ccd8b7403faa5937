/**
 * Model versions and the forms a model travels in.
 *
 * <ul>
 *   <li>{@link io.streamnet.jobs.model.ModelVersion}: {@code (epoch, version)}, never going back.</li>
 *   <li>{@link io.streamnet.jobs.model.SnapshotPayload}: the weights in a {@code ModelSnapshot}, FULL or DELTA,
 *       applied in place onto a scorer's network; {@link io.streamnet.jobs.model.DeltaTracker} makes them on the
 *       trainer side (cumulative deltas against the last full payload).</li>
 *   <li>{@link io.streamnet.jobs.model.ModelPart}: a version on its way to the job's scorer, cut by
 *       {@link io.streamnet.jobs.model.PayloadParts} into DELTA payloads of at most 256 KB.</li>
 *   <li>{@link io.streamnet.jobs.model.SnapshotFiles}: checkpoint-aligned files of the full trainer state in any
 *       Flink file system, written atomically, checksummed, with retention.</li>
 *   <li>{@link io.streamnet.jobs.model.PublishedVersions}: what the {@code model.snapshots} topic holds for a model
 *       (newest version, newest weights for a warm start).</li>
 * </ul>
 *
 * <p>Everything except SnapshotFiles and PublishedVersions is plain Java over nn-core: no Flink or Kafka types.
 */
package io.streamnet.jobs.model;
