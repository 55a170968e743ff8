package org.hotline.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server process's thread count from {@code /proc} once a second while the calls run,
 * from this JVM, so that sampling costs the server nothing.
 */
final class ProcessSampler {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "popbench-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile int peakThreads;

    ProcessSampler(PopServer server) {
        timer.scheduleAtFixedRate(() -> peakThreads = (int) Math.max(peakThreads, server.status("Threads")),
                0, 1, TimeUnit.SECONDS);
    }

    int peakThreads() {
        return peakThreads;
    }

    void stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
