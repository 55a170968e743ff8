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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The far side of the calls: Asterisk handing each offered call to Hotline's {@code hotline}
 * script over FastAGI, as the dialplan's {@code AGI(agi://host:port/hotline,${HOTLINE_ARRIVED})}
 * does, and answering whatever the script sends as Asterisk would. The caller is a sample
 * customer (national caller id {@code 415555XXXX}); {@code WAIT FOR DIGIT} returns after its
 * timeout with no digit; {@code EXEC Dial} returns after {@code talk} (ring and conversation),
 * after which {@code ${DIALSTATUS}} is {@code ANSWER}; {@code HANGUP} ends the channel.
 *
 * <p>Ring start is stamped with {@link System#nanoTime()} as the {@code EXEC Dial} line is decoded:
 * that is the moment Asterisk would start ringing the agent's phone. Calls are offered as a stream
 * at {@code rate} per second, at most {@code maxInFlight} at once (an offer over the cap waits for
 * the next call to end). Everything runs on one event loop, so the counters are plain fields.
 */
final class SimulatedAsterisk implements AutoCloseable {

    /** A call rung by Hotline: when the Dial arrived and which extension it rings. */
    record Ring(long startedNanos, String extension) {
    }

    private static final Pattern DIAL = Pattern.compile("^EXEC \"?Dial\"? \"?[A-Za-z]+/([^,\"]+)");
    private static final Pattern WAIT_FOR_DIGIT = Pattern.compile("^WAIT FOR DIGIT (-?\\d+)");

    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final Bootstrap bootstrap;
    private final int port;
    private final int customers;
    private final long talkNanos;
    private final int maxInFlight;
    private final String runTag;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();
    private final CountDownLatch finished;
    private int offered;
    private int inFlight;
    private int waitingForRoom;
    private int heldForRoom;
    private int peakInFlight;
    private int hungUp;
    private int endedWithoutHangup;
    private int unknownCommands;
    private int nextCall;

    SimulatedAsterisk(int port, int calls, int customers, long talkMillis, int maxInFlight) {
        this.port = port;
        this.customers = customers;
        this.talkNanos = TimeUnit.MILLISECONDS.toNanos(talkMillis);
        this.maxInFlight = maxInFlight;
        this.finished = new CountDownLatch(calls);
        this.runTag = Long.toString(System.currentTimeMillis() / 1000);
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(65536),
                                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8));
                    }
                });
    }

    /** Offers {@code calls} calls, one every {@code 1/rate} s, on the loop; returns at once. */
    void offer(int calls, double ratePerSecond) {
        long period = (long) (1e9 / ratePerSecond);
        for (int i = 0; i < calls; i++) {
            loop.schedule(this::offerOne, period * i, TimeUnit.NANOSECONDS);
        }
    }

    /** Waits until every offered call ended (or {@code limitSeconds} passed); true when all did. */
    boolean awaitAll(long limitSeconds) throws InterruptedException {
        return finished.await(limitSeconds, TimeUnit.SECONDS);
    }

    private void offerOne() {
        if (inFlight >= maxInFlight) {
            waitingForRoom++;
            heldForRoom++;
            return;
        }
        open(nextCall++);
    }

    private void open(int index) {
        offered++;
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        bootstrap.connect("127.0.0.1", port).addListener(f -> {
            if (f.isSuccess()) {
                ((io.netty.channel.ChannelFuture) f).channel().pipeline().addLast(new CallChannel(index));
            } else {
                callEnded(false);
            }
        });
    }

    private void callEnded(boolean byHangup) {
        if (byHangup) {
            hungUp++;
        } else {
            endedWithoutHangup++;
        }
        inFlight--;
        finished.countDown();
        if (waitingForRoom > 0) {
            waitingForRoom--;
            open(nextCall++);
        }
    }

    /** The id Asterisk would give call {@code index}: unique per run, as {@code agi_uniqueid} is. */
    String uniqueId(int index) {
        return runTag + "." + index;
    }

    /** Calls rung, by unique id (= the pop's call id). */
    Map<String, Ring> rings() {
        return rings;
    }

    /** The figures, read on the loop so that they are current. */
    Map<String, Integer> counts() throws InterruptedException {
        try {
            return loop.submit(() -> Map.of("offered", offered, "peakInFlight", peakInFlight, "hungUp", hungUp,
                    "endedWithoutHangup", endedWithoutHangup, "unknownCommands", unknownCommands, "heldForAgent", heldForRoom)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One channel: its AGI environment, then one reply per command line. */
    private final class CallChannel extends SimpleChannelInboundHandler<String> {
        private final int index;
        private boolean ended;

        CallChannel(int index) {
            this.index = index;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            String callerId = String.format(Locale.ROOT, "415555%04d", index % customers);
            double arrived = System.currentTimeMillis() / 1000.0;
            ctx.writeAndFlush("agi_network: yes\n"
                    + "agi_network_script: hotline\n"
                    + "agi_request: agi://127.0.0.1:" + port + "/hotline\n"
                    + "agi_channel: PJSIP/caller-" + String.format(Locale.ROOT, "%08x", index) + "\n"
                    + "agi_language: en\n"
                    + "agi_type: PJSIP\n"
                    + "agi_uniqueid: " + uniqueId(index) + "\n"
                    + "agi_version: 22.10.1\n"
                    + "agi_callerid: " + callerId + "\n"
                    + "agi_calleridname: Caller " + index + "\n"
                    + "agi_callingpres: 0\n"
                    + "agi_callingani2: 0\n"
                    + "agi_callington: 0\n"
                    + "agi_callingtns: 0\n"
                    + "agi_dnid: 5000\n"
                    + "agi_rdnis: unknown\n"
                    + "agi_context: hotline\n"
                    + "agi_extension: 5000\n"
                    + "agi_priority: 3\n"
                    + "agi_enhanced: 0.0\n"
                    + "agi_accountcode: \n"
                    + "agi_threadid: " + (140000000000000L + index) + "\n"
                    + "agi_arg_1: " + String.format(Locale.ROOT, "%.3f", arrived) + "\n\n");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String command) {
            long now = System.nanoTime();
            Matcher dial = DIAL.matcher(command);
            if (dial.find()) {
                rings.put(uniqueId(index), new Ring(now, dial.group(1)));
                replyLater(ctx, "200 result=0", talkNanos);
                return;
            }
            Matcher wait = WAIT_FOR_DIGIT.matcher(command);
            if (wait.find()) {
                replyLater(ctx, "200 result=0", TimeUnit.MILLISECONDS.toNanos(Math.max(0, Long.parseLong(wait.group(1)))));
                return;
            }
            if (command.startsWith("GET FULL VARIABLE") && command.contains("DIALSTATUS")) {
                ctx.writeAndFlush("200 result=1 (ANSWER)\n");
            } else if (command.startsWith("STREAM FILE")) {
                ctx.writeAndFlush("200 result=0 endpos=16000\n");
            } else if (command.startsWith("SET VARIABLE")) {
                ctx.writeAndFlush("200 result=1\n");
            } else if (command.equals("HANGUP")) {
                ctx.writeAndFlush("200 result=1\n").addListener(f -> ctx.close());
                end(true);
            } else if (command.startsWith("ANSWER") || command.startsWith("SET MUSIC")) {
                ctx.writeAndFlush("200 result=0\n");
            } else {
                unknownCommands++;
                ctx.writeAndFlush("200 result=0\n");
            }
        }

        private void replyLater(ChannelHandlerContext ctx, String reply, long delayNanos) {
            ctx.executor().schedule(() -> {
                if (ctx.channel().isActive()) {
                    ctx.writeAndFlush(reply + "\n");
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void end(boolean byHangup) {
            if (!ended) {
                ended = true;
                callEnded(byHangup);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
}
