package io.streamnet.connect.replay;

import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * MovieLens ratings in their stream order (ascending timestamp, user, movie: {@link MovieLensReader#STREAM_ORDER})
 * as {@link Interaction}s with the rating and event time {@code timestamp * 1000}, keyed by user id (so one user's
 * interactions stay in one partition, in time order). A held-back rating becomes a {@link RecoRequest} for that
 * user at that time, id {@code movielens-<userId>-<movieId>} (the key, as the contract says), so that an offline
 * evaluation can tell which item the user chose.
 */
public final class InteractionEventSequence implements EventSequence {
    private final List<Rating> ratings;
    private final HoldBack holdBack;
    private final int k;

    /**
     * @param inStreamOrder the ratings, already in stream order (as {@link MovieLensReader#readInStreamOrder} gives)
     * @param holdBack      which stream positions become requests
     * @param k             how many items a request asks for
     */
    public InteractionEventSequence(List<Rating> inStreamOrder, HoldBack holdBack, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.ratings = List.copyOf(inStreamOrder);
        for (int i = 1; i < ratings.size(); i++) {
            if (MovieLensReader.STREAM_ORDER.compare(ratings.get(i - 1), ratings.get(i)) > 0) {
                throw new IllegalArgumentException("ratings are not in stream order at position " + i + ": "
                        + ratings.get(i - 1) + " before " + ratings.get(i));
            }
        }
        this.holdBack = Objects.requireNonNull(holdBack, "holdBack");
        this.k = k;
    }

    @Override
    public int size() {
        return ratings.size();
    }

    @Override
    public ReplayEvent get(int position) {
        Rating r = ratings.get(position);
        Instant eventTime = Instant.ofEpochMilli(r.timestamp() * 1000L);
        if (holdBack.isRequest(position)) {
            String requestId = "movielens-" + r.userId() + "-" + r.movieId();
            return new ReplayEvent(true, requestId, new RecoRequest(requestId, (long) r.userId(), k, null, eventTime));
        }
        return new ReplayEvent(false, Integer.toString(r.userId()),
                new Interaction((long) r.userId(), (long) r.movieId(), r.rating(), null, eventTime));
    }
}
