package io.streamnet.nn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a dataset's directory. In order: the shared data root ({@code STREAMNET_DATA} if set, else
 * {@code <repo>/../shared/data}), then the project's own {@code <repo>/datasets/...} for the sets it carries. The
 * repository root is the nearest directory, from the working directory upwards, holding both {@code pom.xml} and
 * {@code datasets/} (the launcher runs from the root; Maven tests run from a module directory).
 */
public final class DataLocator {
    public static final String DATA_ENV = "STREAMNET_DATA";

    private final Path sharedRoot;
    private final Path repoRoot;

    public DataLocator(Path sharedRoot, Path repoRoot) {
        this.sharedRoot = sharedRoot;
        this.repoRoot = repoRoot;
    }

    /** The locator for this process: environment variable and working directory. */
    public static DataLocator fromEnvironment() {
        Path repo = findRepoRoot(Path.of("").toAbsolutePath());
        String env = System.getenv(DATA_ENV);
        Path shared = env != null && !env.isBlank() ? Path.of(env)
                : repo != null ? repo.resolve("../shared/data").normalize() : null;
        return new DataLocator(shared, repo);
    }

    static Path findRepoRoot(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("datasets"))) {
                return p;
            }
        }
        return null;
    }

    /** Directories that would be tried for {@code dataset}, in order. */
    public List<Path> candidates(Dataset dataset) {
        List<Path> out = new ArrayList<>();
        if (sharedRoot != null) {
            out.add(sharedRoot.resolve(dataset.sharedDir()));
        }
        if (repoRoot != null && dataset.bundledDir() != null) {
            out.add(repoRoot.resolve(dataset.bundledDir()));
        }
        return out;
    }

    /** The first candidate holding the dataset; an error listing the places tried otherwise. */
    public Path locate(Dataset dataset) {
        List<Path> tried = candidates(dataset);
        for (Path dir : tried) {
            if (dataset.presentIn(dir)) {
                return dir;
            }
        }
        throw new IllegalArgumentException("dataset " + dataset.cliName() + " (" + dataset.expectedFiles()
                + ") not found; looked in " + (tried.isEmpty() ? "no place (no repository root and no "
                + DATA_ENV + ")" : tried) + ". Set " + DATA_ENV + " to the shared data directory or pass --path DIR.");
    }

    /** Like {@link #locate} but null when the dataset is nowhere (tests use this to skip on machines without it). */
    public Path locateOrNull(Dataset dataset) {
        for (Path dir : candidates(dataset)) {
            if (dataset.presentIn(dir)) {
                return dir;
            }
        }
        return null;
    }
}
