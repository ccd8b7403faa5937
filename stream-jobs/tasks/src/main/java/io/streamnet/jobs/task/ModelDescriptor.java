package io.streamnet.jobs.task;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a snapshot records about its model besides the values: the task, the task's settings a scorer needs (its
 * featurizer, as JSON), and the model spec (JSON) the values belong to.
 *
 * @param task          {@link Task#name()}
 * @param taskSpecJson  the settings a scorer needs besides the model spec, e.g. the text featurizer; "{}" if none
 * @param modelSpecJson the model spec, canonical JSON
 */
public record ModelDescriptor(String task, String taskSpecJson, String modelSpecJson) implements Serializable {
  public ModelDescriptor {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(taskSpecJson, "taskSpecJson");
    Objects.requireNonNull(modelSpecJson, "modelSpecJson");
  }
}
