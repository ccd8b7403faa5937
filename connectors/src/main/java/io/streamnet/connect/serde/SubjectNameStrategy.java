package io.streamnet.connect.serde;

import java.io.Serializable;
import org.apache.avro.Schema;

/** Names the registry subject a record's schema is registered under. See {@link SubjectNaming} for Confluent's three. */
@FunctionalInterface
public interface SubjectNameStrategy extends Serializable {
  String subject(String topic, boolean isKey, Schema schema);
}
