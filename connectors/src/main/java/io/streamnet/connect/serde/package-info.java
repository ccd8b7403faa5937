/**
 * The Confluent wire format ({@code 0x00}, 4-byte big-endian schema id, Avro binary) for the generated contract
 * classes: Kafka serializer/deserializer, Kafka Streams serde, Flink Kafka source/sink schemas, and
 * {@link io.streamnet.connect.serde.EventDecoder}, the never-throwing decode path that turns every bad record into a
 * dead letter with a reason code.
 */
package io.streamnet.connect.serde;
