/**
 * Dataset replayers: a dataset's records as Avro events in stream order (texts in the canonical order of the seed,
 * {@link io.streamnet.connect.replay.TextEventSequence}; MovieLens ratings in time order,
 * {@link io.streamnet.connect.replay.InteractionEventSequence}), a seeded share held back as unlabeled requests
 * ({@link io.streamnet.connect.replay.HoldBack}), and the send loop ({@link io.streamnet.connect.replay.Replayer}):
 * idempotent producer, pacing without spinning ({@link io.streamnet.connect.replay.RateLimiter}), bounded in-flight
 * events, every failure reported. The command line is {@code io.streamnet.connect.cli.ReplayCommand}.
 */
package io.streamnet.connect.replay;
