package org.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** The domain packages. */
    private static final List<String> DOMAIN = List.of("call", "standards", "routing", "customer", "metrics", "ivr");
    /** An import of an I/O library, or its fully qualified use anywhere in the code. */
    private static final Pattern IO_IMPORT = Pattern.compile(
            "(^import\\s+(static\\s+)?|[^\\w.])(io\\.netty|redis\\.clients|org\\.asteriskjava)\\.", Pattern.MULTILINE);

    @Test
    void domainPackagesImportNoIoLibrary() throws IOException {
        Path root = Path.of("src/main/java/org/hotline");
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        for (String pkg : DOMAIN) {
            Path dir = root.resolve(pkg);
            assertTrue(Files.isDirectory(dir), "domain package " + pkg + " is listed here but " + dir + " does not exist");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    checked++;
                    if (IO_IMPORT.matcher(withoutComments(Files.readString(file))).find()) {
                        offenders.add(file.toString());
                    }
                }
            }
        }
        assertTrue(checked > 5, "expected to find the domain sources under " + root.toAbsolutePath());
        assertEquals(List.of(), offenders, "domain classes importing an I/O library");
    }

    /** Comments may name a library (e.g. to say why it is not used); code may not. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    @Test
    void theCheckRecognisesAnIoImportAndAFullyQualifiedUse() {
        assertTrue(IO_IMPORT.matcher("package x;\nimport io.netty.channel.Channel;\n").find());
        assertTrue(IO_IMPORT.matcher("import redis.clients.jedis.Jedis;").find());
        assertTrue(IO_IMPORT.matcher("    private final io.netty.channel.Channel c;").find());
        assertTrue(IO_IMPORT.matcher("var j = new redis.clients.jedis.Jedis();").find());
        assertFalse(IO_IMPORT.matcher("import org.hotline.io.nettyish.Thing;").find());
        assertFalse(IO_IMPORT.matcher(withoutComments("/** unlike io.netty.channel.Channel */ int x;")).find());
    }
}
