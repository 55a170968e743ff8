package org.hotline;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.hotline.config.ConfigException;
import org.hotline.config.ConfigLoader;
import org.hotline.config.HotlineConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar hotline.jar [--config FILE]...}: later files override earlier ones key by key. */
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

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("hotline: " + problem);
        }
        System.err.println("usage: hotline [--config FILE]...   (default config/hotline.yaml)");
        System.exit(problem == null ? 0 : 2);
    }
}
