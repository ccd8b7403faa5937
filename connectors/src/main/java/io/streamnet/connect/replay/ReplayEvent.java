package io.streamnet.connect.replay;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event to produce: its Kafka key, its Avro value, and whether it was held back as a request (it then goes to
 * the requests topic, without its label).
 *
 * @param request true for a held-back event (requests topic), false for a labeled one (the main topic)
 * @param key     the record key (UTF-8 text), chosen so that partitioning is stable across replays
 * @param value   the event
 */
public record ReplayEvent(boolean request, String key, SpecificRecord value) {
    public ReplayEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
