package io.streamnet.jobs.bench;

import io.streamnet.jobs.config.JobConfig;
import org.apache.avro.specific.SpecificRecord;

/**
 * What {@link ScoringBenchmark} sends and reads for one task in one run: the labeled stream (its first
 * {@link #seedEvents} pre-loaded before the job starts, the rest paced), the requests, how answers are read, and any
 * figures the task measures after the run. One object per run: it may remember what it made.
 */
interface ScoringWorkload {
  /**
   * Labeled events pre-loaded before the job starts and learned as a backlog before the first request, so that the
   * measured window sees a model of a given size (e.g. a catalogue with every item); 0 for none.
   */
  long seedEvents();

  /**
   * Labeled event {@code n} of the stream, the seed's first, with its id (if its contract has one) and made at
   * {@code nowMillis}; {@code n} grows by one from 0, on one thread at a time.
   */
  SpecificRecord labeled(long n, String id, long nowMillis);

  /** Request {@code n}, with its id; {@code n} grows by one from 0, on one thread. */
  SpecificRecord request(long n, String id, long nowMillis);

  /**
   * Requests per second of this run when the benchmark is asked for {@code configured}: the same by default; less
   * for a workload whose requests the machine cannot answer that fast.
   */
  default double requestRate(double configured) {
    return configured;
  }

  /** How the task's answers are read. */
  AnswerFields<?> answers();

  /**
   * Figures measured once the job has stopped, before its topics are deleted, over the window's requests
   * {@code [from, to)} (e.g. the same answers computed by nn-core alone); none by default.
   */
  default SummaryLine afterRun(JobConfig config, long from, long to) {
    return new SummaryLine();
  }
}
