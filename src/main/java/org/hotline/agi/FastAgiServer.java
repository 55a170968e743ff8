package org.hotline.agi;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The FastAGI server: accepts Asterisk's connections and runs one {@link AgiScript} per
 * call on Netty event loops, never a thread per call. It owns its two event loop
 * groups (one acceptor thread; {@link FastAgiOptions#workerThreads()} workers) and
 * releases them in {@link #stop()}.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #stop()} once (further calls are no-ops).
 * Thread-safe.
 */
public final class FastAgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);

    private final FastAgiOptions options;
    private final AgiScriptResolver resolver;
    private final ChannelGroup sessions = new DefaultChannelGroup("fastagi-sessions",
            GlobalEventExecutor.INSTANCE);
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private boolean started;
    private boolean stopped;

    public FastAgiServer(FastAgiOptions options, AgiScriptResolver resolver) {
        this.options = Objects.requireNonNull(options, "options");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Binds and starts accepting; returns the bound port (the real one when the
     * configured port is 0).
     *
     * @throws IllegalStateException if already started
     * @throws InterruptedException  if interrupted while binding
     */
    public synchronized int start() throws InterruptedException {
        if (started) {
            throw new IllegalStateException("FastAGI server already started");
        }
        started = true;
        acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("fastagi-accept"));
        workers = new NioEventLoopGroup(options.workerThreads(), new DefaultThreadFactory("fastagi"));
        try {
            serverChannel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, options.backlog())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // A half-open connection (Asterisk's host gone without a FIN) is found in about a
                    // minute even during a Dial, when the session sends nothing: 30 s idle, then 3
                    // probes 10 s apart. The kernel does it; no thread waits.
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), 30)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), 10)
                    .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), 3)
                    .childHandler(new FastAgiChannelInitializer(options, resolver, sessions))
                    .bind(options.bindHost(), options.port())
                    .sync()
                    .channel();
        } catch (InterruptedException | RuntimeException e) {
            releaseLoops();
            throw e;
        }
        int port = port();
        log.info("FastAGI server listening on {}:{}", options.bindHost(), port);
        return port;
    }

    /** The bound port; -1 before {@link #start()} or after {@link #stop()}. */
    public synchronized int port() {
        if (serverChannel == null || !serverChannel.isOpen()) {
            return -1;
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** FastAGI connections currently open (for /healthz and metrics). */
    public int activeSessions() {
        return sessions.size();
    }

    /** {@link #stop(Duration)} with {@link FastAgiOptions#shutdownTimeout()}. */
    public void stop() throws InterruptedException {
        stop(options.shutdownTimeout());
    }

    /**
     * Graceful shutdown: stops accepting, lets running sessions finish for up to
     * {@code grace}, closes the rest (their pending commands fail with
     * {@link AgiSessionClosedException}; Asterisk continues their dialplan), then
     * releases the event loops.
     */
    public synchronized void stop(Duration grace) throws InterruptedException {
        if (!started || stopped) {
            return;
        }
        stopped = true;
        serverChannel.close().sync();
        if (!sessions.isEmpty()) {
            log.info("FastAGI server stopping: waiting up to {} for {} session(s)", grace, sessions.size());
            if (!sessions.newCloseFuture().await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("FastAGI server stopping: closing {} remaining session(s)", sessions.size());
                // Closed as Hotline's own decision, so each call script records a fallback, not an
                // interruption: the dialplan's fallback takes those callers.
                for (io.netty.channel.Channel channel : sessions) {
                    AgiSessionHandler handler = channel.pipeline().get(AgiSessionHandler.class);
                    channel.eventLoop().execute(() -> {
                        AgiSession session = handler == null ? null : handler.session();
                        if (session != null) {
                            session.closeBecause("Hotline is stopping");
                        } else {
                            channel.close();
                        }
                    });
                }
                sessions.newCloseFuture().await(5, TimeUnit.SECONDS);
            }
        }
        releaseLoops();
        log.info("FastAGI server stopped");
    }

    private void releaseLoops() throws InterruptedException {
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).await();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).await();
    }

    /**
     * {@link #stop()} for try-with-resources and ordered shutdown lists; an interrupt
     * while waiting ends the wait early and is kept on the thread.
     */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
