package io.streamnet.nn.reco;

import io.streamnet.nn.random.Rng;
import java.util.ArrayList;
import java.util.List;

/** Synthetic interaction streams for tests: a few users, each taking items from a favourite block of the catalogue. */
final class StreamFixture {
    private StreamFixture() {}

    /** {@code batches} batches of {@code size} rated events, deterministic in {@code seed}. */
    static List<List<InteractionEvent>> batches(long seed, int batches, int size, int users, int items) {
        Rng rng = new Rng(seed);
        List<List<InteractionEvent>> out = new ArrayList<>();
        long time = 1_000_000L;
        for (int b = 0; b < batches; b++) {
            List<InteractionEvent> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                long user = rng.nextInt(users);
                // Users prefer a block of 8 items (user * 8 ..): a signal the model can learn.
                long item = rng.nextInt(3) == 0 ? rng.nextInt(items) : (user * 8 + rng.nextInt(8)) % items;
                float rating = 0.5f * (1 + rng.nextInt(10));
                batch.add(InteractionEvent.rated(10_000 + user, 70_000 + item, rating, time));
                time += 1000;
            }
            out.add(batch);
        }
        return out;
    }
}
