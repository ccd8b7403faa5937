/**
 * Delayed feedback for recommendation: what the scorer served ({@link io.streamnet.jobs.feedback.Impression}) meets
 * what the user did next ({@code Interaction}) in the {@link io.streamnet.jobs.feedback.FeedbackJoiner}, keyed by user
 * and timed by event-time watermarks, and becomes one labeled
 * {@link io.streamnet.jobs.feedback.FeedbackExample} per served item: a positive as soon as the user engages with it
 * within the window, a negative once the window and its allowed lateness have passed. Both records have their own
 * Flink serializers, since they travel between operators and sit in keyed state (golden files pin their layouts).
 */
package io.streamnet.jobs.feedback;
