package org.hotline.bench;

import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.util.ServerSocketFacade;
import org.hotline.agi.AgiScriptResolver;
import org.hotline.agi.FastAgiOptions;
import org.hotline.agi.FastAgiServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One benchmark server JVM: {@code hotline} (FastAgiServer) or {@code anchor}
 * (Asterisk-Java DefaultAgiServer with its default pool), serving the bench script.
 *
 * <p>Side channel to the orchestrator: stdout lines starting with {@code BENCH }
 * ({@code READY port=N}, {@code GC heapLiveMb=..}, {@code STATS ...}); stdin commands
 * {@code GC} (full GC, report live heap), {@code REPORT}, {@code EXIT}. A daemon thread
 * samples heap used, threads and active sessions every 50 ms.
 */
public final class BenchServerMain {

    private static volatile long peakHeapUsed;
    private static volatile int peakActive;

    private BenchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        int steps = Integer.parseInt(args[1]);
        IntSupplier active;
        Runnable stop;
        int port;
        if (target.equals("hotline")) {
            FastAgiServer server = new FastAgiServer(FastAgiOptions.builder().port(0).backlog(4096).build(),
                    AgiScriptResolver.always(BenchScripts.hotline(steps)));
            port = server.start();
            active = server::activeSessions;
            stop = () -> {
                try {
                    server.stop(java.time.Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        } else if (target.equals("anchor")) {
            port = freePort();
            CountDownLatch bound = new CountDownLatch(1);
            DefaultAgiServer server = new DefaultAgiServer(BenchScripts.anchor(steps)) {
                @Override
                protected ServerSocketFacade createServerSocket() throws IOException {
                    ServerSocketFacade socket = super.createServerSocket();
                    bound.countDown();
                    return socket;
                }
            };
            server.setPort(port);
            server.setAddress(InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    server.startup();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "anchor-startup");
            acceptor.setDaemon(true);
            acceptor.start();
            if (!bound.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("anchor server did not bind port " + port);
            }
            active = server::getPoolActiveTaskCount;
            stop = server::shutdown;
        } else {
            throw new IllegalArgumentException("target must be hotline or anchor, was " + target);
        }

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            peakHeapUsed = Math.max(peakHeapUsed, memory.getHeapMemoryUsage().getUsed());
            peakActive = Math.max(peakActive, active.getAsInt());
        }, 0, 50, TimeUnit.MILLISECONDS);

        System.out.println("BENCH READY port=" + port);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null && !command.equals("EXIT")) {
            switch (command) {
                case "GC" -> {
                    int held = active.getAsInt();
                    System.gc();
                    long live = memory.getHeapMemoryUsage().getUsed();
                    System.out.printf("BENCH GC heapLiveMb=%.1f active=%d%n", mb(live), held);
                }
                case "REPORT" -> System.out.printf(
                        "BENCH STATS heapPeakMb=%.1f heapMaxMb=%.0f vmHwmMb=%.1f vmRssMb=%.1f threadsPeak=%d"
                                + " threadsNow=%d activePeak=%d cpuS=%.1f%n",
                        mb(peakHeapUsed), mb(memory.getHeapMemoryUsage().getMax()),
                        procStatusKb("VmHWM") / 1024.0, procStatusKb("VmRSS") / 1024.0,
                        threads.getPeakThreadCount(), threads.getThreadCount(), peakActive,
                        ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0)
                                .orElse(-1.0));
                default -> System.out.println("BENCH ERROR unknown command " + command);
            }
            System.out.flush();
        }
        sampler.shutdownNow();
        stop.run();
        System.exit(0);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
