/**
 * The Flink online-learning job (issue 4): sentiment first, written so the recommendation topic can reuse it.
 *
 * <ul>
 *   <li>{@code config}: the job's one YAML file ({@code JobConfig}), validated with errors naming the key.</li>
 *   <li>{@code sentiment}: the job graph ({@code SentimentJob.build(env, plan, io)}), its Kafka sources and sinks
 *       ({@code KafkaPipelineIo}: read_committed sources, exactly-once sinks), and {@code SentimentJobFactory}, which
 *       turns a config into the plan, the Kafka settings and Flink's configuration.</li>
 *   <li>{@code train}: {@code TrainerOperator}, which holds the network, optimizer slots, RNG, pending batch and
 *       exactly-once accounting in operator state; prequential evaluation; the divergence guard.</li>
 *   <li>{@code score}: {@code ScorerFunction}, which serves the newest model (received in parts, applied to a back
 *       copy and swapped in whole: {@code ServingModels}; kept in broadcast state), buffers requests that come
 *       before any model, and measures latency and freshness.</li>
 *   <li>{@code model}: versions, FULL/DELTA snapshot payloads and their parts for the scorer, checkpoint-aligned
 *       model files, the snapshot topic (latest version, warm start).</li>
 *   <li>{@code flink}: the job's own Flink serializers ({@code ModelPartSerializer}).</li>
 *   <li>{@code cli}: {@code streamnet demo} and {@code streamnet run}; {@code bench}: the end-to-end benchmark.</li>
 * </ul>
 *
 * Exactly once: the trainer's whole state and the sources' offsets are in the same checkpoint, and every sink is
 * transactional; with {@code trainer.max_wait_ms: 0} and one input partition a recovery ends with weights
 * bit-identical to an uninterrupted run (SentimentJobIT shows both).
 */
package io.streamnet.jobs;
