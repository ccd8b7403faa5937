package io.streamnet.jobs.bench;

/**
 * One task's end-to-end benchmark, prepared once (its streams loaded, its training topics pre-loaded): what each
 * round of it runs. {@link EndToEndBenchmark} runs the rounds and takes the medians, whatever the task.
 */
interface BenchTask {
  /** The figures of one round; {@code name} ("r1", "w1") names its runs' topics. */
  SummaryLine round(String name) throws Exception;
}
