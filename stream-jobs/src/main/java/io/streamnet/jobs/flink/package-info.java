/**
 * Flink type information and serializers for the job's own records on the network and in state, where Flink's
 * generic (Kryo, POJO) serializers would pay for reflection or copy large arrays.
 */
package io.streamnet.jobs.flink;
