package org.hotline.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulated Asterisk, in its own JVM: opens {@code sessions} FastAGI connections
 * evenly over {@code ramp} seconds, sends an environment, and answers each command after
 * {@code duration / steps} so that a session lasts about {@code duration} seconds.
 *
 * <p>Latency is the server's turnaround: from the client writing a reply to the next
 * command line arriving; the first command (from writing the environment) is reported
 * apart as session set-up. The lateness of a 5 ms tick on the client's loop is reported
 * too, to show how much of the latency the client itself adds. A session is held from its first
 * command until the server closes it; it is complete when all {@code steps} commands
 * were answered and the server then closed it; refused when it closed before any command.
 *
 * <p>All handlers run on one event loop thread, so the counters need no synchronisation;
 * {@link #main} reads them after the completion latch.
 *
 * <p>Usage: {@code AgiLoadClient host port sessions durationS rampS steps}. Prints
 * {@code BENCH RAMPED} once every connection was started and {@code BENCH RESULT ...} at
 * the end.
 */
public final class AgiLoadClient {

    private final int steps;
    private final long stepDelayNanos;
    private final CountDownLatch finished;
    private final long[] latencies;
    private int latencyCount;
    private int held;
    private int peakHeld;
    private int completed;
    private int refused;
    private int failed;
    private int connectFailed;
    private long commands;
    private final long[] firstLatencies;
    private int firstCount;
    private final long[] lags = new long[200_000];
    private int lagCount;
    private long lastProbe;

    private AgiLoadClient(int sessions, int steps, long stepDelayNanos) {
        this.steps = steps;
        this.stepDelayNanos = stepDelayNanos;
        this.finished = new CountDownLatch(sessions);
        this.latencies = new long[sessions * (steps + 1)];
        this.firstLatencies = new long[sessions];
    }

    public static void main(String[] args) throws InterruptedException {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        double durationS = Double.parseDouble(args[3]);
        double rampS = Double.parseDouble(args[4]);
        int steps = Integer.parseInt(args[5]);
        long stepDelay = (long) (durationS * 1e9 / steps);
        AgiLoadClient client = new AgiLoadClient(sessions, steps, stepDelay);

        EventLoopGroup group = new NioEventLoopGroup(1);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(65536),
                                new StringDecoder(StandardCharsets.UTF_8),
                                new StringEncoder(StandardCharsets.UTF_8),
                                client.new SimulatedAsterisk(ch.hashCode()));
                    }
                });
        long start = System.nanoTime();
        long rampNanos = (long) (rampS * 1e9);
        for (int i = 0; i < sessions; i++) {
            long at = sessions == 1 ? 0 : rampNanos * i / (sessions - 1);
            group.schedule(() -> bootstrap.connect(host, port).addListener(f -> {
                if (!f.isSuccess()) {
                    client.connectFailed++;
                    client.finished.countDown();
                }
            }), at, TimeUnit.NANOSECONDS);
        }
        group.schedule(() -> System.out.println("BENCH RAMPED"), rampNanos + 500_000_000L, TimeUnit.NANOSECONDS);
        // Lateness of a 5 ms tick on the client's own loop: how much the client itself adds.
        client.lastProbe = System.nanoTime();
        group.scheduleAtFixedRate(client::probe, 5, 5, TimeUnit.MILLISECONDS);

        long limit = (long) ((rampS + durationS * 3 + 60) * 1e9);
        boolean all = client.finished.await(limit, TimeUnit.NANOSECONDS);
        double wallS = (System.nanoTime() - start) / 1e9;
        group.submit(() -> client.report(sessions, wallS, all)).sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private void probe() {
        long now = System.nanoTime();
        if (lagCount < lags.length) {
            lags[lagCount++] = Math.max(0, now - lastProbe - 5_000_000L);
        }
        lastProbe = now;
    }

    private void report(int sessions, double wallS, boolean all) {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        long[] first = Arrays.copyOf(firstLatencies, firstCount);
        Arrays.sort(first);
        long[] lag = Arrays.copyOf(lags, lagCount);
        Arrays.sort(lag);
        int stuck = sessions - completed - refused - failed - connectFailed;
        System.out.printf("BENCH RESULT requested=%d peakHeld=%d completed=%d refused=%d failed=%d"
                        + " connectFailed=%d stuck=%d commands=%d wallS=%.1f cmdPerSec=%.0f"
                        + " p50Ms=%.2f p99Ms=%.2f maxMs=%.2f firstP50Ms=%.2f firstP99Ms=%.2f"
                        + " clientLagP99Ms=%.2f allFinished=%b%n",
                sessions, peakHeld, completed, refused, failed, connectFailed, stuck, commands, wallS,
                commands / wallS, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                percentile(first, 0.50), percentile(first, 0.99), percentile(lag, 0.99), all);
        System.out.flush();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String replyTo(String command) {
        if (command.startsWith("GET VARIABLE")) {
            return "200 result=1 (5551234)";
        }
        if (command.startsWith("STREAM FILE")) {
            return "200 result=0 endpos=16000";
        }
        if (command.startsWith("GET DATA")) {
            return "200 result=1 (timeout)";
        }
        if (command.startsWith("DATABASE GET")) {
            return "200 result=1 (yes)";
        }
        return "200 result=0";
    }

    /** One simulated Asterisk channel. */
    private final class SimulatedAsterisk extends SimpleChannelInboundHandler<String> {
        private final int id;
        private long lastSent;
        private int received;
        private int answered;
        private boolean counted;

        SimulatedAsterisk(int id) {
            this.id = id;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush("agi_network: yes\n"
                    + "agi_network_script: bench\n"
                    + "agi_request: agi://127.0.0.1/bench\n"
                    + "agi_channel: PJSIP/bench-" + id + "\n"
                    + "agi_language: en\n"
                    + "agi_type: PJSIP\n"
                    + "agi_uniqueid: 1700000000." + id + "\n"
                    + "agi_version: 22.10.1\n"
                    + "agi_callerid: 5551234\n"
                    + "agi_calleridname: Bench Caller\n"
                    + "agi_callingpres: 0\n"
                    + "agi_dnid: 100\n"
                    + "agi_context: hotline\n"
                    + "agi_extension: 100\n"
                    + "agi_priority: 1\n"
                    + "agi_enhanced: 0.0\n"
                    + "agi_accountcode: \n"
                    + "agi_threadid: 140000000000000\n"
                    + "agi_arg_1: en\n\n");
            lastSent = System.nanoTime();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            long now = System.nanoTime();
            if (received == 0) {
                firstLatencies[firstCount++] = now - lastSent;
            } else if (latencyCount < latencies.length) {
                latencies[latencyCount++] = now - lastSent;
            }
            commands++;
            received++;
            if (received == 1) {
                held++;
                counted = true;
                peakHeld = Math.max(peakHeld, held);
            }
            String reply = replyTo(line) + "\n";
            ctx.executor().schedule(() -> {
                if (ctx.channel().isActive()) {
                    answered++;
                    ctx.writeAndFlush(reply);
                    lastSent = System.nanoTime();
                }
            }, stepDelayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (counted) {
                held--;
            }
            if (received == 0) {
                refused++;
            } else if (received >= steps && answered == received) {
                completed++;
            } else {
                failed++;
            }
            finished.countDown();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
