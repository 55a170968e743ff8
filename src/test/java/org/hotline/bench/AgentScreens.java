package org.hotline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agents' desktops: each agent logs in over HTTP as the page does ({@code POST /api/login}
 * with a same-origin {@code Origin}), then opens {@code /ws/agent} with the session cookie and the
 * same {@code Origin}, and acknowledges every pop at once, as the page does after rendering it.
 *
 * <p>All sockets share one Netty event loop, which stamps each pop's arrival with
 * {@link System#nanoTime()} as the frame is decoded. The same clock stamps ring start in
 * {@link SimulatedAsterisk}, so ring-to-frame needs no cross-process clock. A 5 ms tick on the
 * loop measures how late the loop itself runs, i.e. how much of a latency the client adds.
 */
final class AgentScreens implements AutoCloseable {

    /**
     * One pop as this client saw it: to which agent it came, its arrival and the ack's write on
     * this JVM's nanosecond clock; and, for splitting the latency up, the server's own
     * {@code ringingAt} and {@code sentAt} next to this host's wall clock at arrival (the same
     * kernel clock both processes read, in microseconds since the epoch).
     */
    record PopSeen(String agentId, long receivedNanos, long ackWrittenNanos, boolean hasCustomer,
                   long serverRingingMicros, long serverSentMicros, long receivedWallMicros) {
    }

    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final ObjectMapper json = new ObjectMapper();
    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final List<Channel> sockets = new ArrayList<>();
    private final Map<String, PopSeen> pops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> messagesByType = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger duplicatePops = new AtomicInteger();
    private final LatencyRecorder loopLag = new LatencyRecorder(1_000_000);
    private long lastTick;

    /** Logs every agent in ({@code parallel} at a time) and returns each one's cookie, in agent order. */
    static List<String> logIn(PopServer server, int agents, String password, int parallel) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String origin = "http://127.0.0.1:" + server.httpPort();
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<String>> cookies = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String agentId = PopServer.agentId(i);
            HttpRequest login = HttpRequest.newBuilder(server.uri("/api/login"))
                    .header("Origin", origin)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + agentId + "\",\"password\":\"" + password + "\"}"))
                    .build();
            slots.acquire();
            cookies.add(http.sendAsync(login, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> slots.release())
                    .thenApply(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("login of " + agentId + ": HTTP " + response.statusCode()
                                    + " " + response.body());
                        }
                        String setCookie = response.headers().firstValue("Set-Cookie")
                                .orElseThrow(() -> new IllegalStateException("login of " + agentId + ": no cookie"));
                        return setCookie.substring(0, setCookie.indexOf(';') < 0 ? setCookie.length()
                                : setCookie.indexOf(';'));
                    }));
        }
        return cookies.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Opens one {@code /ws/agent} socket per cookie and waits until every one has its snapshot.
     *
     * @return how many sockets got their snapshot within {@code limit}
     */
    int open(PopServer server, List<String> cookies, Duration limit) throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws/agent");
        String origin = "http://127.0.0.1:" + server.httpPort();
        CountDownLatch snapshots = new CountDownLatch(cookies.size());
        lastTick = System.nanoTime();
        loop.scheduleAtFixedRate(this::tick, 5, 5, TimeUnit.MILLISECONDS);
        for (int i = 0; i < cookies.size(); i++) {
            String agentId = PopServer.agentId(i);
            WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .customHeaders(new DefaultHttpHeaders().set("Cookie", cookies.get(i)).set("Origin", origin))
                    .maxFramePayloadLength(MAX_FRAME_BYTES)
                    .handshakeTimeoutMillis(limit.toMillis())
                    .build();
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_FRAME_BYTES),
                                    new WebSocketClientProtocolHandler(config), new Desktop(agentId, snapshots));
                        }
                    });
            sockets.add(bootstrap.connect(uri.getHost(), uri.getPort()).channel());
        }
        snapshots.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        return (int) (cookies.size() - snapshots.getCount());
    }

    private void tick() {
        long now = System.nanoTime();
        loopLag.record(Math.max(0, now - lastTick - 5_000_000L));
        lastTick = now;
    }

    /** Pops seen so far, by call id. */
    Map<String, PopSeen> pops() {
        return pops;
    }

    int connected() {
        return connected.get();
    }

    int duplicatePops() {
        return duplicatePops.get();
    }

    /** Messages received by type (snapshot, state, pop, call-ended, figures, error, ...). */
    Map<String, Long> messagesByType() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        messagesByType.forEach((type, n) -> counts.put(type, n.sum()));
        return counts;
    }

    /** Lateness of the client loop's 5 ms tick, read after the run. */
    LatencyRecorder loopLag() {
        return loopLag;
    }

    /** One agent's desktop: counts what arrives, stamps and acknowledges pops. */
    private final class Desktop extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final String agentId;
        private final CountDownLatch snapshots;

        Desktop(String agentId, CountDownLatch snapshots) {
            this.agentId = agentId;
            this.snapshots = snapshots;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                connected.incrementAndGet();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws IOException {
            long receivedAt = System.nanoTime();
            long receivedWallMicros = micros(Instant.now());
            if (!(frame instanceof TextWebSocketFrame text)) {
                return;
            }
            JsonNode message = json.readTree(text.text());
            String type = message.path("type").asText("?");
            messagesByType.computeIfAbsent(type, t -> new LongAdder()).increment();
            switch (type) {
                case "snapshot" -> snapshots.countDown();
                case "pop" -> acknowledge(ctx, message, receivedAt, receivedWallMicros);
                default -> {
                }
            }
        }

        private void acknowledge(ChannelHandlerContext ctx, JsonNode pop, long receivedAt, long receivedWallMicros) {
            String callId = pop.path("callId").asText();
            boolean hasCustomer = pop.hasNonNull("customer");
            long ringingMicros = micros(Instant.parse(pop.path("ringingAt").asText()));
            long sentMicros = pop.hasNonNull("sentAt") ? micros(Instant.parse(pop.path("sentAt").asText())) : -1;
            ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"ack\",\"callId\":\"" + callId + "\"}"))
                    .addListener(written -> {
                        PopSeen seen = new PopSeen(agentId, receivedAt, System.nanoTime(), hasCustomer,
                                ringingMicros, sentMicros, receivedWallMicros);
                        if (pops.putIfAbsent(callId, seen) != null) {
                            duplicatePops.incrementAndGet();
                        }
                    });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            messagesByType.computeIfAbsent("client-error: " + cause.getClass().getSimpleName(),
                    t -> new LongAdder()).increment();
            ctx.close();
        }
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    @Override
    public void close() throws InterruptedException {
        for (Channel socket : sockets) {
            socket.close();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
}
