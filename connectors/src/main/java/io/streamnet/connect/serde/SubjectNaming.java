package io.streamnet.connect.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** Confluent's subject-naming strategies. */
public enum SubjectNaming implements SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
  TOPIC {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return topic + (isKey ? "-key" : "-value");
    }
  },
  /** The record's full name: one lineage per record type, shared by every topic that carries it. */
  RECORD {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return schema.getFullName();
    }
  },
  /** {@code <topic>-<full name>}: several record types per topic, each with its own lineage. */
  TOPIC_RECORD {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return topic + "-" + schema.getFullName();
    }
  };

  /**
   * Parses a strategy name: ours ({@code TOPIC}, {@code RECORD}, {@code TOPIC_RECORD}) or Confluent's class names
   * ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}, {@code RecordNameStrategy},
   * {@code TopicRecordNameStrategy}, with or without the package).
   */
  public static SubjectNaming parse(String name) {
    String simple = name.trim();
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    return switch (simple.toUpperCase(Locale.ROOT)) {
      case "TOPIC", "TOPICNAMESTRATEGY" -> TOPIC;
      case "RECORD", "RECORDNAMESTRATEGY" -> RECORD;
      case "TOPIC_RECORD", "TOPICRECORDNAMESTRATEGY" -> TOPIC_RECORD;
      default -> throw new IllegalArgumentException("unknown subject name strategy '" + name
          + "', expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    };
  }
}
