package io.streamnet.connect.replay;

import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.MovieLensReader;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** Reads a dataset with the readers of {@code io.streamnet.nn.data} and turns it into its replay events. */
public final class DatasetEvents {
    private DatasetEvents() {}

    /**
     * The directory (or file) to read {@code dataset} from: {@code path} when given, else the first place
     * {@link DataLocator#fromEnvironment()} finds it ({@code $STREAMNET_DATA}, {@code ../shared/data}, then
     * {@code datasets/}); an error listing the places tried otherwise.
     */
    public static Path locate(Dataset dataset, Path path) {
        return path != null ? path : DataLocator.fromEnvironment().locate(dataset);
    }

    /**
     * The events of {@code dataset} read from {@code dirOrFile}: texts in the canonical order for {@code seed}
     * ({@link TextEventSequence}), MovieLens ratings in time order ({@link InteractionEventSequence}).
     *
     * @param k           items per recommendation request (MovieLens only)
     * @param clockMillis event-time clock for the texts, which have no time of their own
     */
    public static EventSequence read(Dataset dataset, Path dirOrFile, int seed, HoldBack holdBack, int k,
            LongSupplier clockMillis) {
        return switch (dataset.kind()) {
            case TEXT -> new TextEventSequence(dataset.cliName(), dataset.readTexts(dirOrFile), seed, holdBack,
                    clockMillis);
            case RATINGS -> new InteractionEventSequence(MovieLensReader.readInStreamOrder(dirOrFile), holdBack, k);
            // No topic carries anonymous session views yet: only the prequential runner reads them.
            case SESSIONS -> throw new IllegalArgumentException("dataset " + dataset.cliName()
                    + " (session item views) cannot be replayed: it is for ./streamnet prequential only");
        };
    }
}
