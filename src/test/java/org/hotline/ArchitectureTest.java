package org.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain core does no I/O: its packages import no Netty, Jedis or Asterisk-Java type. */
class ArchitectureTest {

    private static final List<String> DOMAIN = List.of("call", "standards", "ivr", "routing", "customer", "metrics");
    private static final Pattern IO_IMPORT = Pattern.compile("^import\\s+(static\\s+)?(io\\.netty|redis\\.clients|org\\.asteriskjava)\\.",
            Pattern.MULTILINE);

    @Test
    void domainPackagesImportNoIoLibrary() throws IOException {
        Path root = Path.of("src/main/java/org/hotline");
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        for (String pkg : DOMAIN) {
            Path dir = root.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    checked++;
                    if (IO_IMPORT.matcher(Files.readString(file)).find()) {
                        offenders.add(file.toString());
                    }
                }
            }
        }
        assertTrue(checked > 5, "expected to find the domain sources under " + root.toAbsolutePath());
        assertEquals(List.of(), offenders, "domain classes importing an I/O library");
    }

    @Test
    void theCheckRecognisesAnIoImport() {
        assertTrue(IO_IMPORT.matcher("package x;\nimport io.netty.channel.Channel;\n").find());
        assertTrue(IO_IMPORT.matcher("import redis.clients.jedis.Jedis;").find());
    }
}
