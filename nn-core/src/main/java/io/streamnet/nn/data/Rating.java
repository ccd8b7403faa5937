package io.streamnet.nn.data;

/** One explicit rating of MovieLens: user, movie, stars (0.5 to 5.0 in half steps), Unix time in seconds. */
public record Rating(int userId, int movieId, float rating, long timestamp) {}
