package org.hotline.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotline.config.ConfigException;
import org.hotline.config.ConfigLoader;
import org.hotline.config.HotlineConfig;

/**
 * {@link ConfigLoader} on an arbitrary {@code hotline.yaml} laid over the built-in defaults.
 *
 * <p>Contract: it returns a validated configuration or throws {@link ConfigException} whose
 * message names the file and whose every problem is a non-blank line (naming the key where one is
 * at fault); never another exception type, whatever the bytes (bad YAML, wrong types, nulls where
 * sections belong, deep nesting).
 */
class ConfigLoaderFuzzTest {

    private static final ConfigLoader LOADER = new ConfigLoader(Map.of());
    /** One file per JVM, rewritten for each input: the loader reads paths, and a file per input would litter. */
    private static final Path FILE = temporaryFile();

    @FuzzTest
    void yamlFile(byte[] content) throws IOException {
        Files.write(FILE, content);
        HotlineConfig config;
        try {
            config = LOADER.loadFiles(List.of(FILE));
        } catch (ConfigException expected) {
            assertTrue(expected.getMessage().contains(FILE.toString()), () -> "does not name the file: " + expected.getMessage());
            assertFalse(expected.problems().isEmpty(), "no problem listed");
            for (String problem : expected.problems()) {
                assertTrue(problem != null && !problem.isBlank(), "a blank problem");
            }
            return;
        }
        assertNotNull(config);
        assertNotNull(config.http().apiToken());
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("hotline-fuzz-", ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
