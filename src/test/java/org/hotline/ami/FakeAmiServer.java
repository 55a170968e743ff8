package org.hotline.ami;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny scripted Asterisk Manager on loopback for {@link AmiClientTest}: banner, Login, Ping,
 * DeviceStateList, CoreShowChannels, plus {@code Hold} (answers are held until three arrived, then
 * given in reverse order) and {@code PJSIPShowContacts}. It records every action it receives.
 */
final class FakeAmiServer implements AutoCloseable {

    final BlockingQueue<AmiMessage> received = new LinkedBlockingQueue<>();
    final List<String> devices = new CopyOnWriteArrayList<>();   // "PJSIP/1001=NOT_INUSE"
    final List<String[]> channels = new CopyOnWriteArrayList<>(); // {channel, uniqueid, state, desc}
    volatile String secret = "hotline";
    volatile boolean answerPings = true;

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel server;
    private int port;

    FakeAmiServer start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                // close with RST: no FIN_WAIT socket left holding the port when the test restarts the server
                .childOption(ChannelOption.SO_LINGER, 0)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ch.pipeline().addLast(new AmiDecoder(4096, 256, 65536), new Session());
                    }
                });
        server = b.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
        return this;
    }

    int port() {
        return port;
    }

    /** Closes the listener and every client connection, like an Asterisk going down. */
    void stop() throws InterruptedException {
        server.close().sync();
        clients.close().sync();
    }

    void emit(String... namesAndValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            sb.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append("\r\n");
        }
        clients.writeAndFlush(Unpooled.copiedBuffer(sb.append("\r\n"), StandardCharsets.UTF_8));
    }

    /** The next received action named {@code name}, skipping others, or null after {@code within}. */
    AmiMessage nextAction(String name, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            AmiMessage m = received.poll(left, TimeUnit.NANOSECONDS);
            if (m != null && name.equalsIgnoreCase(m.value("Action"))) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
            clients.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Session extends SimpleChannelInboundHandler<AmiFrame> {
        private final List<AmiMessage> held = new ArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            write(ctx, "Asterisk Call Manager/11.0.0\r\n");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AmiFrame frame) {
            if (!(frame instanceof AmiMessage m)) {
                return;
            }
            received.add(m);
            String id = m.valueOr("ActionID", "");
            switch (m.valueOr("Action", "").toLowerCase()) {
                case "login" -> {
                    if ("hotline".equals(m.value("Username")) && secret.equals(m.value("Secret"))) {
                        reply(ctx, "Response: Success", id, "Message: Authentication accepted");
                        write(ctx, "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 5\r\nLastReload: 5\r\n"
                                + "Status: Fully Booted\r\n\r\n");
                    } else {
                        reply(ctx, "Response: Error", id, "Message: Authentication failed");
                        ctx.close();
                    }
                }
                case "ping" -> {
                    if (answerPings) {
                        reply(ctx, "Response: Success", id, "Ping: Pong\r\nTimestamp: 1764000000.000000");
                    }
                }
                case "devicestatelist" -> {
                    reply(ctx, "Response: Success", id, "EventList: start\r\nMessage: Device State Changes will follow");
                    for (String d : devices) {
                        String[] kv = d.split("=");
                        write(ctx, "Event: DeviceStateChange\r\nActionID: " + id + "\r\nDevice: " + kv[0]
                                + "\r\nState: " + kv[1] + "\r\n\r\n");
                    }
                    write(ctx, "Event: DeviceStateListComplete\r\nActionID: " + id
                            + "\r\nEventList: Complete\r\nListItems: " + devices.size() + "\r\n\r\n");
                }
                case "coreshowchannels" -> {
                    reply(ctx, "Response: Success", id, "EventList: start\r\nMessage: Channels will follow");
                    for (String[] c : channels) {
                        write(ctx, "Event: CoreShowChannel\r\nActionID: " + id + "\r\nChannel: " + c[0]
                                + "\r\nChannelState: " + c[2] + "\r\nChannelStateDesc: " + c[3]
                                + "\r\nCallerIDNum: 5551234\r\nUniqueid: " + c[1] + "\r\nLinkedid: " + c[1]
                                + "\r\nBridgeId: \r\nApplication: AGI\r\nDuration: 00:00:07\r\n\r\n");
                    }
                    write(ctx, "Event: CoreShowChannelsComplete\r\nActionID: " + id
                            + "\r\nEventList: Complete\r\nListItems: " + channels.size() + "\r\n\r\n");
                }
                case "pjsipshowcontacts" -> {
                    reply(ctx, "Response: Success", id, "EventList: start");
                    write(ctx, "Event: ContactList\r\nActionID: " + id + "\r\nEndpoint: 1001\r\n\r\n"
                            + "Event: Newstate\r\nChannel: PJSIP/1002-00000002\r\nUniqueid: 1.2\r\nChannelState: 6\r\n\r\n"
                            + "Event: ContactList\r\nActionID: " + id + "\r\nEndpoint: 1002\r\n\r\n"
                            + "Event: ContactListComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\n\r\n");
                }
                case "hold" -> {
                    held.add(m);
                    if (held.size() == 3) {
                        for (int i = held.size() - 1; i >= 0; i--) {
                            AmiMessage h = held.get(i);
                            reply(ctx, "Response: Success", h.value("ActionID"), "Value: " + h.value("Value"));
                        }
                        held.clear();
                    }
                }
                default -> reply(ctx, "Response: Error", id, "Message: Invalid/unknown command");
            }
        }

        private void reply(ChannelHandlerContext ctx, String response, String id, String rest) {
            write(ctx, response + "\r\nActionID: " + id + "\r\n" + rest + "\r\n\r\n");
        }

        private void write(ChannelHandlerContext ctx, String text) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        }
    }
}
