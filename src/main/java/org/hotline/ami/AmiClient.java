package org.hotline.ami;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hotline.call.TelephonyEvent;
import org.hotline.call.TelephonyEvent.ManagerConnectionChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hotline's connection to the Asterisk Manager Interface. After {@link #start()} it keeps one session up:
 * connect, banner, {@code Login}, wait for {@code FullyBooted}, resync ({@link AmiResync}), then publish
 * {@code ManagerConnectionChanged(true)}; it pings every {@link AmiOptions#pingInterval()}, and when the
 * connection closes or a pong is late it publishes {@code ManagerConnectionChanged(false, reason)} and
 * reconnects after a {@link ReconnectBackoff} delay ({@link AmiOptions#loginRetryDelay()} when the login
 * was refused). Live AMI events are translated by {@link AmiEventTranslator} and handed to the consumer.
 *
 * <p>Threading: all state lives on one event loop taken from the given group; there are no locks. The
 * consumer and the futures' completions run on that loop, in wire order: they must not block.
 */
public final class AmiClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiClient.class);

    private final AmiOptions options;
    private final Clock clock;
    private final Consumer<TelephonyEvent> consumer;
    private final EventLoop loop;
    private final EventLoopGroup ownedGroup;
    private final Bootstrap bootstrap;
    private final AmiEventTranslator translator;
    private final AmiResync resync;
    private final ReconnectBackoff backoff;
    private final LiveChannels live = new LiveChannels();

    private volatile Session current;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile String status = "not started";
    private Boolean lastPublished;
    private String lastFailure;
    private ScheduledFuture<?> reconnectTimer;
    private final CompletableFuture<Void> closedDone = new CompletableFuture<>();

    /** Uses one event loop of {@code group} (which must be NIO, e.g. shared with the other servers). */
    public AmiClient(AmiOptions options, EventLoopGroup group, Clock clock, Consumer<TelephonyEvent> consumer) {
        this(options, group, null, clock, consumer, ReconnectBackoff.from(options));
    }

    AmiClient(AmiOptions options, EventLoopGroup group, EventLoopGroup owned, Clock clock,
              Consumer<TelephonyEvent> consumer, ReconnectBackoff backoff) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.loop = group.next();
        this.ownedGroup = owned;
        this.backoff = backoff;
        this.translator = new AmiEventTranslator(clock);
        this.resync = new AmiResync(translator, clock, this::publish);
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    /** A client with its own single-threaded event loop, shut down by {@link #close()}. */
    public static AmiClient create(AmiOptions options, Clock clock, Consumer<TelephonyEvent> consumer) {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("ami", true));
        return new AmiClient(options, group, group, clock, consumer, ReconnectBackoff.from(options));
    }

    /** Starts connecting; returns at once. Progress shows in {@link #status()} and the consumer. */
    public void start() {
        if (closed) {
            throw new IllegalStateException("AMI client is closed");
        }
        log.info("AMI client starting: {}", options);
        loop.execute(this::connect);
    }

    /** Sends an action once logged in and resynced; fails with {@link AmiException.NotConnected} otherwise. */
    public CompletableFuture<AmiMessage> send(AmiAction action) {
        Session s = current;
        if (s == null || !connected) {
            return CompletableFuture.failedFuture(new AmiException.NotConnected("AMI not connected: " + status));
        }
        return s.conn.send(action, options.actionTimeout());
    }

    /** Sends a list action (e.g. {@code PJSIPShowContacts}) and completes with its events. */
    public CompletableFuture<List<AmiMessage>> sendList(AmiAction action) {
        Session s = current;
        if (s == null || !connected) {
            return CompletableFuture.failedFuture(new AmiException.NotConnected("AMI not connected: " + status));
        }
        return s.conn.sendList(action, options.listTimeout(), null);
    }

    /** True from the end of the resync until the connection is lost. */
    public boolean isConnected() {
        return connected;
    }

    /** One line for /healthz, e.g. {@code connected to 127.0.0.1:5038 as hotline (Asterisk Call Manager/11.0.0)}. */
    public String status() {
        return status;
    }

    /** Stops reconnecting, logs off and closes; waits up to a few seconds for the channel to close. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.execute(() -> {
            if (reconnectTimer != null) {
                reconnectTimer.cancel(false);
            }
            Session s = current;
            if (s == null) {
                status = "closed";
                closedDone.complete(null);
            } else {
                s.conn.close("AMI client closed");
                s.channel.close(); // also cancels a connect still in progress
            }
        });
        if (!loop.inEventLoop()) {
            try {
                closedDone.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("AMI client close did not finish in 5 s: {}", e.toString());
            }
        }
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    // ---- the session cycle; everything below runs on the loop ----

    private void connect() {
        if (closed) {
            return;
        }
        Session s = new Session();
        s.conn = new AmiConnection(m -> onEvent(s, m));
        current = s;
        status = "connecting to " + options.address() + (lastFailure == null ? "" : " (last: " + lastFailure + ")");
        ChannelFuture cf = bootstrap.clone().handler(new AmiChannelInitializer(options, s.conn))
                .connect(options.host(), options.port());
        s.channel = cf.channel();
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                ended(s, "connect to " + options.address() + " failed: " + rootMessage(f.cause()));
                return;
            }
            s.conn.closed().thenAccept(reason -> ended(s, reason));
            handshake(s);
        });
    }

    private void handshake(Session s) {
        loop.schedule(() -> {
            if (!s.conn.banner().isDone()) {
                s.conn.close("no AMI banner within " + options.actionTimeout().toMillis() + " ms");
            }
        }, options.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        s.conn.banner().thenCompose(banner -> {
            s.banner = banner.line();
            return s.conn.send(AmiAction.of("Login").with("Username", options.username())
                    .with("Secret", options.secret()).with("Events", "on"), options.actionTimeout());
        }).whenComplete((resp, err) -> {
            if (err != null) {
                Throwable cause = unwrap(err);
                if (cause instanceof AmiException.ActionFailed refused) {
                    s.loginRefused = true;
                    String msg = "AMI login as '" + options.username() + "' refused by " + options.address() + ": "
                            + refused.response().valueOr("Message", "no reason given")
                            + "; check the username/secret in manager.conf and Hotline's config";
                    log.error("{}; retrying every {} s", msg, options.loginRetryDelay().toSeconds());
                    s.conn.close("login refused: " + refused.response().valueOr("Message", "no reason given"));
                } else {
                    s.conn.close("login failed: " + rootMessage(cause));
                }
                return;
            }
            log.info("AMI logged in to {} as {} ({})", options.address(), options.username(), s.banner);
            filterEvents(s);
            status = "logged in to " + options.address() + ", resyncing";
            loop.schedule(() -> s.fullyBooted.complete(false), options.fullyBootedWait().toMillis(), TimeUnit.MILLISECONDS);
            s.fullyBooted.thenCompose(booted -> {
                if (!booted) {
                    log.info("AMI: no FullyBooted within {} ms, resyncing anyway", options.fullyBootedWait().toMillis());
                }
                return resync.run(s.conn, options, live);
            }).whenComplete((result, resyncErr) -> resynced(s, result, resyncErr));
        });
    }

    /**
     * Asks Asterisk to send this session only the events Hotline uses (half of a call's events are
     * not), so that neither side spends CPU on the others. It needs the {@code system} write
     * permission in manager.conf; without it every event still comes, and is ignored as before.
     */
    private void filterEvents(Session s) {
        s.conn.send(AmiAction.of("Filter").with("Operation", "Add").with("Filter", AmiEventTranslator.eventFilter()),
                options.actionTimeout()).whenComplete((ok, err) -> {
                    if (err != null && s.conn.isOpen()) {
                        log.info("AMI: Asterisk did not take the event filter ({}); every event comes through",
                                rootMessage(unwrap(err)));
                    }
                });
    }

    private void resynced(Session s, AmiResync.Result result, Throwable err) {
        if (current != s || !s.conn.isOpen()) {
            return;
        }
        if (err != null) {
            log.warn("AMI resync failed: {}", rootMessage(unwrap(err)));
            s.conn.close("resync failed: " + rootMessage(unwrap(err)));
            return;
        }
        backoff.reset();
        connected = true;
        String detail = "connected to " + options.address() + " as " + options.username() + " (" + s.banner + ")";
        status = detail;
        log.info("AMI resync done: {} devices, {} channels, {} vanished channels hung up",
                result.devices(), result.channels(), result.vanished());
        publishConnection(true, detail + "; resynced " + result.devices() + " devices, " + result.channels() + " channels");
        long every = options.pingInterval().toMillis();
        s.pingTimer = loop.scheduleAtFixedRate(() -> ping(s), every, every, TimeUnit.MILLISECONDS);
    }

    private void ping(Session s) {
        if (s.pingInFlight || !s.conn.isOpen()) {
            return;
        }
        s.pingInFlight = true;
        s.conn.send(AmiAction.of("Ping"), options.pingTimeout()).whenComplete((pong, err) -> {
            s.pingInFlight = false;
            if (err != null) {
                String reason = unwrap(err) instanceof AmiException.Timeout
                        ? "no pong within " + options.pingTimeout().toMillis() + " ms" : "ping failed: " + rootMessage(unwrap(err));
                s.conn.close(reason);
            }
        });
    }

    private void onEvent(Session s, AmiMessage m) {
        if ("FullyBooted".equalsIgnoreCase(m.eventName())) {
            s.fullyBooted.complete(true);
            return;
        }
        translator.translate(m).ifPresent(this::publish);
    }

    private void ended(Session s, String reason) {
        if (current != s) {
            return;
        }
        current = null;
        if (s.pingTimer != null) {
            s.pingTimer.cancel(false);
        }
        s.fullyBooted.complete(false);
        boolean wasConnected = connected;
        connected = false;
        lastFailure = reason;
        publishConnection(false, reason);
        if (closed) {
            status = "closed";
            log.info("AMI client closed");
            closedDone.complete(null);
            return;
        }
        Duration delay = s.loginRefused ? options.loginRetryDelay() : backoff.nextDelay();
        int attempt = backoff.attempts();
        status = "disconnected (" + reason + "); retrying in " + delay.toMillis() + " ms";
        if (wasConnected) {
            log.warn("AMI connection to {} lost: {}; reconnecting in {} ms", options.address(), reason, delay.toMillis());
        } else if (!s.loginRefused && (attempt <= 3 || attempt % 30 == 0)) {
            log.warn("AMI {}; retry {} in {} ms", reason, attempt, delay.toMillis());
        } else {
            log.debug("AMI {}; retry {} in {} ms", reason, attempt, delay.toMillis());
        }
        reconnectTimer = loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publishConnection(boolean up, String detail) {
        if (lastPublished != null && lastPublished == up) {
            return;
        }
        lastPublished = up;
        publish(new ManagerConnectionChanged(clock.instant(), up, detail));
    }

    private void publish(TelephonyEvent e) {
        live.track(e);
        try {
            consumer.accept(e);
        } catch (RuntimeException ex) {
            log.warn("AMI event consumer failed on {}: {}", e, ex.toString(), ex);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable t) {
        Throwable r = unwrap(t);
        return r.getMessage() != null ? r.getMessage() : r.getClass().getSimpleName();
    }

    /** One connection attempt and what it has learnt so far. */
    private static final class Session {
        AmiConnection conn;
        Channel channel;
        String banner = "no banner";
        boolean loginRefused;
        boolean pingInFlight;
        final CompletableFuture<Boolean> fullyBooted = new CompletableFuture<>();
        ScheduledFuture<?> pingTimer;
    }
}
