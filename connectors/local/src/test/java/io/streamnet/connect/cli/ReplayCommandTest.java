package io.streamnet.connect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.replay.ReplayProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command does before any broker is involved: usage, help, and errors that name their cause. */
class ReplayCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ReplayProgress.silent()).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aUsageErrorExitsWithTwoNamingTheOptionThenTheUsage() {
        assertEquals(2, run("--dataset", "uci", "--rate", "fast"));
        assertTrue(err().startsWith("streamnet replay: --rate must be a number, got 'fast'"), err());
        assertTrue(err().contains("usage: streamnet replay --dataset"), err());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout");
    }

    @Test
    void helpGoesToStdout() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--request-fraction"));
    }

    @Test
    void aDirectoryWithoutTheDatasetIsAnErrorNamingIt(@TempDir Path dir) {
        assertEquals(1, run("--dataset", "sst2", "--path", dir.toString(), "--registry", "mock://t", "--quiet"));
        assertTrue(err().contains("train.tsv") && err().contains(dir.toString()), err());
    }

    @Test
    void malformedDataIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("amazon_cells_labelled.txt");
        Files.writeString(file, "good\t1\nno label here\n");
        // The registry is in memory; the data is read before any broker is needed.
        assertEquals(1, run("--dataset", "uci", "--path", dir.toString(), "--registry", "mock://t",
                "--bootstrap", "127.0.0.1:1", "--quiet"));
        assertTrue(err().contains(file + ":2"), err());
    }

    @Test
    void anUnreachableBrokerIsAnErrorNamingItsAddress() {
        assertEquals(1, run("--dataset", "uci", "--registry", "mock://t", "--bootstrap", "127.0.0.1:1",
                "--producer-property", "default.api.timeout.ms=1000", "--quiet"));
        assertTrue(err().contains("no Kafka broker answered at 127.0.0.1:1 within 1000 ms"), err());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no summary: nothing was attempted");
    }

    @Test
    void anUnreachableRegistryIsAnErrorNamingItsUrl() {
        String url = "http://127.0.0.1:1/apis/ccompat/v7";
        assertEquals(1, run("--dataset", "uci", "--registry", url, "--producer-property", "max.retries=0",
                "--quiet"));
        assertTrue(err().contains(url), err());
    }
}
