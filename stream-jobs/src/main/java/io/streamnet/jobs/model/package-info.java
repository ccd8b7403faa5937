/**
 * How the job's model versions travel and are stored (the Flink-free payload codec itself is nn-core's
 * {@code io.streamnet.nn.snapshot}).
 *
 * <ul>
 *   <li>{@link io.streamnet.jobs.model.ModelPart}: a version on its way to the job's scorer, cut by
 *       {@code PayloadParts} into DELTA payloads of at most 256 KB.</li>
 *   <li>{@link io.streamnet.jobs.model.SnapshotFiles}: checkpoint-aligned files of the full trainer state in any
 *       Flink file system, written atomically, checksummed, with retention.</li>
 *   <li>{@link io.streamnet.jobs.model.PublishedVersions}: what the {@code model.snapshots} topic holds for a model
 *       (newest version, newest weights for a warm start).</li>
 * </ul>
 */
package io.streamnet.jobs.model;
