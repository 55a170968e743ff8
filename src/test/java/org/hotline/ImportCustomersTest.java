package org.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer's usage and configuration errors: exit 2 before any file or Redis is touched. */
class ImportCustomersTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ImportCustomers(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC()).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFileOrASampleIsNeededButNotBoth() {
        assertEquals(ImportCustomers.USAGE, run());
        assertTrue(err().contains("name a FILE or --sample N"), err());
        assertEquals(ImportCustomers.USAGE, run("a.csv", "--sample", "3"));
        assertTrue(err().contains("not both"), err());
        assertEquals(ImportCustomers.USAGE, run("a.csv", "b.csv"));
        assertTrue(err().contains("one file at a time"), err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ImportCustomers.USAGE, run("--sample", "many"));
        assertTrue(err().contains("--sample needs a whole number"), err());
        assertEquals(ImportCustomers.USAGE, run("--sample", "10001"));
        assertEquals(ImportCustomers.USAGE, run("--config"));
        assertEquals(ImportCustomers.USAGE, run("--verbose", "a.csv"));
        assertTrue(err().contains("unknown option '--verbose'"), err());
        assertTrue(err().contains("usage: import-customers"), err());
    }

    @Test
    void helpIsNoError() {
        assertEquals(ImportCustomers.OK, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: import-customers"));
    }

    @Test
    void aBadConfigurationIsAConfigError(@TempDir Path dir) throws IOException {
        assertEquals(ImportCustomers.USAGE, run("--config", dir.resolve("missing.yaml").toString(), "a.csv"));
        assertTrue(err().contains("file not found"), err());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "center:\n  defaultRegion: Narnia\n");
        assertEquals(ImportCustomers.USAGE, run("--config", bad.toString(), "--sample", "1"));
        assertTrue(err().contains("center.defaultRegion"), err());
    }
}
