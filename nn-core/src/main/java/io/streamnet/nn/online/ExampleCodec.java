package io.streamnet.nn.online;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/** How a task's examples are written into a trainer's checkpoint (the events waiting for the next batch). */
public interface ExampleCodec<E> extends Serializable {
  void write(E example, DataOutputStream out) throws IOException;

  E read(DataInputStream in) throws IOException;
}
