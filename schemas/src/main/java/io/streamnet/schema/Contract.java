package io.streamnet.schema;

import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event contract: its generated class, its current schema and every version released before.
 *
 * @param name      the record's simple name, also the folder of its released versions
 * @param type      the generated class
 * @param current   the schema the generated class was compiled from
 * @param released  released versions, oldest first (v1, v2, ...); the newest equals {@code current}
 */
public record Contract(String name, Class<? extends SpecificRecord> type, Schema current, List<Schema> released) {

  public Contract {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(current, "current");
    released = List.copyOf(released);
  }

  /** The registry subject of this contract under RecordNameStrategy: the full record name. */
  public String fullName() {
    return current.getFullName();
  }
}
