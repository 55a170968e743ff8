package org.hotline;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.hotline.config.ConfigException;
import org.hotline.config.ConfigLoader;
import org.hotline.config.HotlineConfig;
import org.hotline.web.auth.Passwords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar hotline.jar [--config FILE]...}: later files override earlier ones key by key.
 * {@code java -jar hotline.jar --hash-password} prints the bcrypt hash of a password for
 * {@code agents[].passwordHash} or {@code supervisors[].passwordHash}, and exits.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a file");
                    }
                    files.add(Path.of(args[++i]));
                }
                case "--hash-password" -> {
                    System.exit(hashPassword());
                    return;
                }
                case "--help", "-h" -> usage(null);
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        if (files.isEmpty()) {
            files.add(Path.of("config/hotline.yaml"));
        }
        HotlineConfig config;
        try {
            config = new ConfigLoader(System.getenv()).loadFiles(files);
        } catch (ConfigException e) {
            System.err.println("hotline: " + e.getMessage());
            System.exit(2);
            return;
        }
        Hotline hotline = Hotline.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            hotline.close();
            stopped.countDown();
        }, "hotline-shutdown"));
        stopped.await();
    }

    /**
     * Reads one password (without echo when a terminal is attached, else the first line of stdin)
     * and prints its bcrypt hash (cost {@value Passwords#COST}) on stdout. The password itself is
     * never printed. Returns the exit status.
     */
    static int hashPassword() throws IOException {
        char[] password;
        Console console = System.console();
        if (isTerminal(console)) {
            password = console.readPassword("password: ");
            if (password != null) {
                char[] again = console.readPassword("again: ");
                if (again == null || !Arrays.equals(password, again)) {
                    System.err.println("hotline: the two passwords differ");
                    return 2;
                }
                Arrays.fill(again, '\0');
            }
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            password = line == null ? null : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("hotline: no password given");
            return 2;
        }
        try {
            System.out.println(Passwords.hash(password));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("hotline: " + e.getMessage());
            return 2;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Whether the console is a terminal. Java 22 and later return a console for redirected input
     * too and tell by {@code Console.isTerminal()}, which a Java 21 build cannot call directly.
     */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only for a terminal
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("hotline: " + problem);
        }
        System.err.println("usage: hotline [--config FILE]...   (default config/hotline.yaml)");
        System.err.println("       hotline --hash-password      (reads a password, prints its bcrypt hash)");
        System.exit(problem == null ? 0 : 2);
    }
}
