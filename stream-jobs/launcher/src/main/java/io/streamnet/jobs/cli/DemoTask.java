package io.streamnet.jobs.cli;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.schema.TrainingMetrics;
import java.util.List;

/**
 * What the demo reports of the job's task: which trainer figures it shows, the keys of its summary line, and how it
 * draws the learning curve. Everything else in the demo (broker, job, replay, answers, latencies, the wait for the
 * end) is the same for every task.
 */
interface DemoTask {

  /** The demo's view of the task of {@code config}. */
  static DemoTask of(JobConfig config) {
    return config.model().recommendation() ? new RecommendationDemoTask(config.model().recommender())
        : new SentimentDemoTask();
  }

  /** The task's name ({@code job.task}). */
  String name();

  /** The keys of the summary line, in order: the task's own figures and the shared ones (labeled, scored, ...). */
  List<String> lineKeys();

  /** The metric key of the figure the progress line shows, e.g. {@code accuracy}. */
  String headlineKey();

  /** How the progress line names it, e.g. {@code accuracy}, {@code HR@10}. */
  String headlineLabel();

  /**
   * The figures at the end of the run.
   *
   * @param last    the trainer's last committed metrics record (every labeled event applied)
   * @param history the trainer's committed metrics records in order, one per record that saw new events
   * @param events  the stream replayed (the labeled events among it are what the trainer learned from)
   */
  LearnedFigures figures(TrainingMetrics last, List<TrainingMetrics> history, DemoEvents events);

  /** The figures for a person: one or more lines, each starting with a two-space indent and a label. */
  String describe(LearnedFigures figures);
}
