package org.hotline.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real sandbox the integration tests drive: Asterisk 22, SIPp and Redis on 127.0.0.1, as
 * {@code scripts/sandbox up} leaves them. A test that cannot reach it fails; it never skips.
 */
final class Sandbox {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path SCRIPT = PROJECT.resolve("scripts/sandbox");
    static final Path SCENARIOS = PROJECT.resolve("src/test/sipp");

    private Sandbox() {
    }

    /** Fails the test unless Asterisk and Redis are up. */
    static void requireUp() {
        Result status = run("status");
        if (status.exit() != 0) {
            fail("the sandbox is not up (run scripts/sandbox up, or scripts/test which does):\n" + status.output());
        }
    }

    /** Runs an Asterisk CLI command inside the sandbox and returns what it printed. */
    static String asterisk(String cliCommand) {
        Result r = run("asterisk", "-rx", cliCommand);
        if (r.exit() != 0) {
            fail("asterisk -rx '" + cliCommand + "' failed:\n" + r.output());
        }
        return r.output();
    }

    static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("sandbox", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("scripts/sandbox " + String.join(" ", args) + " did not finish in 120 s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + SCRIPT + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Result(int exit, String output) {
    }
}
