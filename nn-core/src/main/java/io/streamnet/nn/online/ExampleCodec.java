package io.streamnet.nn.online;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * How a task's examples are written as bytes: into a trainer's checkpoint (the events waiting for the next batch) and
 * between operators.
 */
public interface ExampleCodec<E> extends Serializable {
  void write(E example, DataOutput out) throws IOException;

  E read(DataInput in) throws IOException;
}
