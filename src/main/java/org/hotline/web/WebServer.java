package org.hotline.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Netty event loops for connections (owned here, made in {@link #start()} and
 * shut down in {@link #stop()}), and the caller's {@code apiExecutor} for the router, which may
 * block on Redis. The caller owns that executor and shuts it down after {@link #stop()}.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final WebOptions options;
    private final ApiRouter router;
    private final Executor apiExecutor;
    private final LiveWeb live;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;

    public WebServer(WebOptions options, ApiRouter router, Executor apiExecutor) {
        this(options, router, apiExecutor, null);
    }

    /** {@code live}: the desktop and board sockets, pages and metrics; null serves the REST API only. */
    public WebServer(WebOptions options, ApiRouter router, Executor apiExecutor, LiveWeb live) {
        this.options = Objects.requireNonNull(options, "options");
        this.router = Objects.requireNonNull(router, "router");
        this.apiExecutor = Objects.requireNonNull(apiExecutor, "apiExecutor");
        this.live = live;
    }

    /**
     * Binds and starts serving; returns once the port is bound.
     *
     * @throws IllegalStateException when the address cannot be bound (e.g. the port is in use)
     */
    public synchronized WebServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("web server already started");
        }
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("http-accept"));
        workers = new NioEventLoopGroup(options.ioThreads(), new DefaultThreadFactory("http-io"));
        try {
            serverChannel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new WebChannelInitializer(options, router, apiExecutor, live))
                    .bind(options.host(), options.port())
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) { // bind failures arrive as checked exceptions (BindException), rethrown unchecked
            shutdownGroups();
            throw new IllegalStateException("cannot listen for HTTP on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("HTTP on http://{}:{}/ (agent, board, api, ws, metrics, healthz)", options.host(), port());
        return this;
    }

    /** The bound port (the real one when the options said 0). */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("web server not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes connections and the event loops; waits up to a few seconds. */
    public synchronized void stop() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            serverChannel = null;
        }
        shutdownGroups();
    }

    @Override
    public void close() {
        stop();
    }

    private void shutdownGroups() {
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            boss = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            workers = null;
        }
    }
}
