package org.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain core does no I/O: its packages import no Netty, Jedis or Asterisk-Java type. Every
 * options class is written one way.
 */
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

    /**
     * Every {@code *Options} class of src/main is a record (validated in its compact constructor)
     * with {@code builder()} starting from its defaults, {@code toBuilder()}, and {@code defaults()}.
     */
    @Test
    void everyOptionsClassIsARecordWithABuilder() throws Exception {
        Path root = Path.of("src/main/java");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(f -> f.getFileName().toString().endsWith("Options.java")).sorted().toList();
        }
        assertTrue(sources.size() >= 5, "expected the adapters' options classes under " + root.toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            String name = root.relativize(source).toString().replace('/', '.').replaceAll("\\.java$", "");
            Class<?> type = Class.forName(name);
            Method builder = type.getMethod("builder");
            Method defaults = type.getMethod("defaults");
            Method toBuilder = type.getMethod("toBuilder");
            Method build = builder.getReturnType().getMethod("build");
            boolean shaped = type.isRecord() && Modifier.isStatic(builder.getModifiers())
                    && Modifier.isStatic(defaults.getModifiers()) && !Modifier.isStatic(toBuilder.getModifiers())
                    && build.getReturnType() == type && defaults.getReturnType() == type;
            Object fromBuilder = build.invoke(builder.invoke(null));
            Object again = build.invoke(toBuilder.invoke(fromBuilder));
            if (!shaped || !fromBuilder.equals(defaults.invoke(null)) || !again.equals(fromBuilder)) {
                offenders.add(name);
            }
        }
        assertEquals(List.of(), offenders, "options classes not written as a record with builder(), toBuilder() and defaults()");
    }
}
