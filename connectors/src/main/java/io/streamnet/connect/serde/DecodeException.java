package io.streamnet.connect.serde;

import io.streamnet.schema.DeadLetterReason;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that could not be turned into the expected record, with the dead-letter reason code that says why.
 * A Kafka {@link SerializationException}, so that plain Kafka consumers treat it as a poison record.
 */
public class DecodeException extends SerializationException {

  private final DeadLetterReason reason;
  private final Integer schemaId;

  public DecodeException(DeadLetterReason reason, Integer schemaId, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.schemaId = schemaId;
  }

  public DecodeException(DeadLetterReason reason, Integer schemaId, String message) {
    this(reason, schemaId, message, null);
  }

  public DeadLetterReason reason() {
    return reason;
  }

  /** The writer schema id from the header, or null when the header could not be read. */
  public Integer schemaId() {
    return schemaId;
  }

  /** The description without the reason code. */
  public String detail() {
    return super.getMessage();
  }

  @Override
  public String getMessage() {
    return reason + ": " + super.getMessage();
  }
}
