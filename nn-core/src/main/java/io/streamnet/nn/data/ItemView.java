package io.streamnet.nn.data;

/**
 * One item view of a session (diginetica's {@code train-item-views}): the session, the item viewed, its offset in
 * the session in milliseconds ({@code timeframe}), the day ({@code eventdate}, days since 1970-01-01) and its line
 * in the file (the last tie-break of the stream order). The user id is not kept: it is mostly {@code NA}.
 */
public record ItemView(long sessionId, long itemId, long timeframe, long day, long line) {}
