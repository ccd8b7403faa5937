/**
 * Value rules of each contract ({@link io.streamnet.connect.validate.Validators}), the outcome of decoding one record
 * ({@link io.streamnet.connect.validate.DecodeOutcome}: valid record or dead letter), dead-letter construction that
 * keeps the original bytes, and per-reason counters.
 */
package io.streamnet.connect.validate;
