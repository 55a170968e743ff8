package org.hotline.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's side of the ACD benchmark, on one Netty event loop: it offers calls to Hotline's
 * {@code hotline} script over FastAGI and answers as Asterisk would. The first calls to be rung
 * keep their agent: their {@code Dial} never returns while the run lasts, so every agent is busy
 * and the later callers wait on music, polling. {@code WAIT FOR DIGIT} returns after its timeout.
 *
 * <p>Measures, on this loop's clock: the poll round trip (a {@code WAIT FOR DIGIT} reply written →
 * the session's next command read: the server's whole turn of a poll plus loopback), the answer
 * delay of each new call (connection → {@code ANSWER} read), and this loop's own lateness in
 * sending the replies, so that a slow figure says whether the bench itself was late. All state is
 * touched on the loop only; {@link #onLoop} reads it there.
 */
final class WaitingCallers implements AutoCloseable {

    private static final Pattern WAIT_FOR_DIGIT = Pattern.compile("^WAIT FOR DIGIT (-?\\d+)");

    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final Bootstrap bootstrap;
    private final int port;
    private final String runTag = Long.toString(System.currentTimeMillis() / 1000);
    private final List<Channel> channels = new ArrayList<>();
    private LatencyRecorder pollRoundTrips;
    private LatencyRecorder answerDelays;
    private LatencyRecorder replyLateness;
    private boolean measuringPolls;
    private int connected;
    private int failed;
    private int dials;
    private int polling;
    private long polls;
    private int closedByServer;

    WaitingCallers(int port, int expectedCalls, int pollCapacity) {
        this.port = port;
        this.answerDelays = new LatencyRecorder(expectedCalls);
        this.pollRoundTrips = new LatencyRecorder(pollCapacity);
        this.replyLateness = new LatencyRecorder(pollCapacity);
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(4096),
                                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8));
                    }
                });
    }

    /** Offers {@code calls} calls evenly over {@code overSeconds}; returns at once. */
    void offer(int calls, double overSeconds) {
        long period = (long) (overSeconds * 1e9 / Math.max(1, calls));
        for (int i = 0; i < calls; i++) {
            int index = i;
            loop.schedule(() -> open(index), period * i, TimeUnit.NANOSECONDS);
        }
    }

    /** Starts the poll measurement afresh (also this loop's lateness). */
    void startMeasuring(int pollCapacity) throws InterruptedException {
        onLoop(() -> {
            pollRoundTrips = new LatencyRecorder(pollCapacity);
            replyLateness = new LatencyRecorder(pollCapacity);
            polls = 0;
            measuringPolls = true;
            return null;
        });
    }

    /** Stops the poll measurement and returns the round trips measured. */
    LatencyRecorder stopMeasuring() throws InterruptedException {
        return onLoop(() -> {
            measuringPolls = false;
            return pollRoundTrips;
        });
    }

    /** Runs {@code task} on the loop, where the figures live, and returns its result. */
    <T> T onLoop(Callable<T> task) throws InterruptedException {
        try {
            return loop.submit(task).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    int connected() { return connected; }
    int failed() { return failed; }
    int dials() { return dials; }
    /** Calls waiting now: told to wait (music and polls) and not rung since. */
    int polling() { return polling; }
    long polls() { return polls; }
    int closedByServer() { return closedByServer; }
    LatencyRecorder pollRoundTrips() { return pollRoundTrips; }
    LatencyRecorder answerDelays() { return answerDelays; }
    LatencyRecorder replyLateness() { return replyLateness; }

    private void open(int index) {
        long openedAt = System.nanoTime();
        bootstrap.connect("127.0.0.1", port).addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = ((ChannelFuture) f).channel();
                channels.add(ch);
                connected++;
                ch.pipeline().addLast(new CallChannel(index, openedAt));
            } else {
                failed++;
            }
        });
    }

    /** One call: its AGI environment, then one reply per command line. */
    private final class CallChannel extends SimpleChannelInboundHandler<String> {
        private final int index;
        private final long openedAt;
        private long lastPollReplyAt;
        private boolean waited;
        private boolean ended;

        CallChannel(int index, long openedAt) {
            this.index = index;
            this.openedAt = openedAt;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.writeAndFlush("agi_network: yes\nagi_network_script: hotline\n"
                    + "agi_request: agi://127.0.0.1:" + port + "/hotline\n"
                    + "agi_channel: PJSIP/caller-" + String.format(Locale.ROOT, "%08x", index) + "\n"
                    + "agi_language: en\nagi_type: PJSIP\n"
                    + "agi_uniqueid: " + runTag + "." + index + "\n"
                    + "agi_version: 22.10.1\n"
                    + "agi_callerid: " + String.format(Locale.ROOT, "6505%06d", index) + "\n"
                    + "agi_calleridname: Caller " + index + "\n"
                    + "agi_context: hotline\nagi_extension: 5000\nagi_priority: 3\n"
                    + "agi_arg_1: " + String.format(Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0)
                    + "\n\n");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String command) {
            long now = System.nanoTime();
            if (lastPollReplyAt != 0) {
                if (measuringPolls) {
                    pollRoundTrips.record(now - lastPollReplyAt);
                }
                lastPollReplyAt = 0;
            }
            Matcher wait = WAIT_FOR_DIGIT.matcher(command);
            if (wait.find()) {
                if (!waited) {
                    waited = true;
                    polling++;
                }
                long delay = TimeUnit.MILLISECONDS.toNanos(Math.max(0, Long.parseLong(wait.group(1))));
                long due = now + delay;
                ctx.executor().schedule(() -> {
                    if (ctx.channel().isActive()) {
                        long sentAt = System.nanoTime();
                        if (measuringPolls) {
                            replyLateness.record(sentAt - due);
                            polls++;
                        }
                        lastPollReplyAt = sentAt;
                        ctx.writeAndFlush("200 result=0\n");
                    }
                }, delay, TimeUnit.NANOSECONDS);
            } else if (command.startsWith("EXEC \"Dial\"") || command.startsWith("EXEC Dial")) {
                dials++; // the agent keeps talking while the run lasts: no reply
                if (waited) {
                    waited = false;
                    polling--;
                }
            } else if (command.startsWith("ANSWER")) {
                answerDelays.record(now - openedAt);
                ctx.writeAndFlush("200 result=0\n");
            } else if (command.startsWith("STREAM FILE")) {
                ctx.writeAndFlush("200 result=0 endpos=16000\n");
            } else if (command.equals("HANGUP")) {
                ctx.writeAndFlush("200 result=1\n").addListener(f -> ctx.close());
            } else {
                ctx.writeAndFlush("200 result=1\n");
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!ended) {
                ended = true;
                closedByServer++;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Hangs every call up (closes its connection), as callers leaving would. */
    void hangUpAll() throws InterruptedException {
        onLoop(() -> {
            measuringPolls = false;
            for (Channel ch : channels) {
                CallChannel call = ch.pipeline().get(CallChannel.class);
                if (call != null) {
                    call.ended = true;
                }
                ch.close();
            }
            return null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
}
