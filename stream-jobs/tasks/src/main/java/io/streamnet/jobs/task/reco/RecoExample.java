package io.streamnet.jobs.task.reco;

import io.streamnet.nn.online.ExampleCodec;
import io.streamnet.nn.online.StreamExample;
import io.streamnet.nn.reco.InteractionEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * One interaction to learn from, with what the trainer accounts it by: its id (exactly-once accounting counts it)
 * and when it reached the stream. An interaction from the {@code Interaction} topic has the id
 * {@code <userId>:<itemId>:<eventTimeMillis>}; an impression's outcome (delayed feedback) has its own.
 *
 * @param event the interaction itself, as the recommender learns it
 */
public record RecoExample(String id, long ingestedAtMillis, InteractionEvent event) implements StreamExample {

  /**
   * The bytes of an example, in checkpoints and between operators: id, arrival time, user, item, rating (NaN: none),
   * clicked (-1 none, 0, 1), event time.
   */
  public static final ExampleCodec<RecoExample> CODEC = new ExampleCodec<>() {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(RecoExample e, DataOutput out) throws IOException {
      out.writeUTF(e.id());
      out.writeLong(e.ingestedAtMillis());
      InteractionEvent i = e.event();
      out.writeLong(i.userId());
      out.writeLong(i.itemId());
      out.writeFloat(i.rating());
      out.writeByte(i.clicked() == null ? -1 : i.clicked() ? 1 : 0);
      out.writeLong(i.eventTimeMillis());
    }

    @Override
    public RecoExample read(DataInput in) throws IOException {
      String id = in.readUTF();
      long ingested = in.readLong();
      long user = in.readLong();
      long item = in.readLong();
      float rating = in.readFloat();
      byte clicked = in.readByte();
      long time = in.readLong();
      return new RecoExample(id, ingested, new InteractionEvent(user, item, rating,
          clicked < 0 ? null : clicked == 1, time));
    }
  };

  public RecoExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
  }

  /** The id of an interaction from the interactions topic: user, item and event time identify it. */
  public static String interactionId(long userId, long itemId, long eventTimeMillis) {
    return userId + ":" + itemId + ":" + eventTimeMillis;
  }
}
