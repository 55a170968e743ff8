package org.hotline;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotline.config.ConfigException;
import org.hotline.config.ConfigLoader;
import org.hotline.config.HotlineConfig;
import org.hotline.customer.CustomerImport;
import org.hotline.customer.CustomerImportException;
import org.hotline.customer.ImportReport;
import org.hotline.customer.RowError;
import org.hotline.customer.SampleCustomers;
import org.hotline.redis.RedisCustomerDirectory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * {@code import-customers [--config FILE]... FILE} or
 * {@code import-customers [--config FILE]... --sample N}: loads customers into the Redis named by
 * the Hotline configuration ({@code redis.host}, {@code redis.port}, {@code redis.keyPrefix};
 * national phone numbers read in {@code center.defaultRegion}). The file format is described on
 * {@link CustomerImport}; {@code --sample N} loads {@link SampleCustomers}' first N.
 *
 * <p>Each skipped row is printed to stderr as {@code line N: reason}; the summary
 * {@code imported N customers (M rows skipped) from FILE in X ms} goes to stdout. Importing the
 * same ids again updates them. Exit status: 0 when the file was read (even with skipped rows), 1
 * when nothing could be imported (the file unreadable or invalid as a whole, Redis unreachable),
 * 2 on a usage or configuration error.
 *
 * <p>Without {@code --config}, {@code config/hotline.yaml} under the {@code hotline.home} system
 * property (the launcher sets it to the checkout) or else the working directory.
 */
public final class ImportCustomers {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_LINE =
            "usage: import-customers [--config FILE]... FILE.csv|FILE.json\n"
            + "       import-customers [--config FILE]... --sample N";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Clock clock;

    ImportCustomers(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new ImportCustomers(System.out, System.err, System.getenv(), Clock.systemUTC()).run(args));
    }

    /** The command; returns its exit status. */
    int run(String[] args) {
        List<Path> configs = new ArrayList<>();
        Path file = null;
        Integer sample = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    out.println(USAGE_LINE);
                    return OK;
                }
                case "--config", "-c", "--sample" -> {
                    if (i + 1 >= args.length) {
                        return usage(arg + " needs a value");
                    }
                    String value = args[++i];
                    if (arg.equals("--sample")) {
                        try {
                            sample = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            return usage("--sample needs a whole number, not '" + value + "'");
                        }
                        if (sample < 0 || sample > SampleCustomers.MAX_COUNT) {
                            return usage("--sample takes 0.." + SampleCustomers.MAX_COUNT + " customers, not " + sample);
                        }
                    } else {
                        configs.add(Path.of(value));
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        return usage("unknown option '" + arg + "'");
                    }
                    if (file != null) {
                        return usage("one file at a time ('" + file + "' and '" + arg + "')");
                    }
                    file = Path.of(arg);
                }
            }
        }
        if ((file == null) == (sample == null)) {
            return usage(file == null ? "name a FILE or --sample N" : "a FILE or --sample N, not both");
        }
        if (configs.isEmpty()) {
            configs.add(Path.of(System.getProperty("hotline.home", ".")).resolve("config/hotline.yaml"));
        }
        HotlineConfig config;
        try {
            config = new ConfigLoader(environment).loadFiles(configs);
        } catch (ConfigException e) {
            err.println("import-customers: " + e.getMessage());
            return USAGE;
        }
        return file != null ? importFile(config, file) : importSample(config, sample);
    }

    private int importFile(HotlineConfig config, Path file) {
        long started = System.nanoTime();
        ImportReport report;
        try {
            report = new CustomerImport(config.center().defaultRegion()).read(file);
        } catch (CustomerImportException e) {
            err.println("import-customers: " + file + ": " + e.getMessage() + "; nothing imported");
            return FAILED;
        }
        for (RowError error : report.errors()) {
            err.println(error.describe());
        }
        return save(config, report, file.toString(), started);
    }

    private int importSample(HotlineConfig config, int count) {
        long started = System.nanoTime();
        ImportReport report = new ImportReport(SampleCustomers.sample(count, clock), List.of());
        return save(config, report, "the generated sample", started);
    }

    private int save(HotlineConfig config, ImportReport report, String source, long started) {
        HotlineConfig.RedisSection redis = config.redis();
        String where = "Redis at " + redis.host() + ":" + redis.port();
        // Long socket timeout: one pipelined chunk of the bulk save may take a while on a busy box.
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000).socketTimeoutMillis(30_000).clientName("hotline-import").build();
        int interactions;
        try (JedisPooled jedis = new JedisPooled(new HostAndPort(redis.host(), redis.port()), client)) {
            interactions = new RedisCustomerDirectory(jedis, redis.keyPrefix(), where).saveAll(report.customers());
        } catch (UncheckedIOException e) {
            // Chunks saved before the failure stay; running the import again completes it.
            err.println("import-customers: " + e.getMessage() + "; the import did not complete"
                    + " (is Redis running? scripts/sandbox up starts it)");
            return FAILED;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        out.println("imported " + report.loaded() + " customers (" + report.skipped() + " rows skipped) from "
                + source + " in " + millis + " ms");
        if (interactions > 0) {
            out.println("recorded " + interactions + " past interactions; keys under '" + redis.keyPrefix() + "'");
        }
        return OK;
    }

    private int usage(String problem) {
        err.println("import-customers: " + problem);
        err.println(USAGE_LINE);
        return USAGE;
    }
}
