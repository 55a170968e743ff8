package org.hotline.agi;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Last handler of a FastAGI channel: turns the environment into an {@link AgiSession},
 * starts the resolved {@link AgiScript}, and routes replies and hang-up notices to the
 * session. Everything that ends a channel early (protocol error, unknown script, a
 * failing script, the environment or idle timeout) is logged as one line naming the
 * peer (and the uniqueid once known), and closes that channel only. One instance per
 * channel.
 */
final class AgiSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AgiSessionHandler.class);

    private final AgiScriptResolver resolver;
    private final Duration environmentTimeout;
    private final Duration idleTimeout;
    private AgiSession session;
    private ScheduledFuture<?> environmentTimer;

    private final Duration commandTimeout;
    /** The MDC key of the call a log line is about (Logback's pattern prints it). */
    public static final String CALL_ID = "callId";

    AgiSessionHandler(AgiScriptResolver resolver, Duration environmentTimeout, Duration idleTimeout) {
        this(resolver, environmentTimeout, idleTimeout, FastAgiOptions.DEFAULT_COMMAND_TIMEOUT);
    }

    AgiSessionHandler(AgiScriptResolver resolver, Duration environmentTimeout, Duration idleTimeout,
                      Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.environmentTimeout = environmentTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** The session once the environment arrived, else {@code null}; event loop only. */
    AgiSession session() {
        return session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        environmentTimer = ctx.executor().schedule(() -> {
            if (session == null && ctx.channel().isActive()) {
                log.warn("FastAGI peer {} sent no complete environment within {}; closing",
                        ctx.channel().remoteAddress(), environmentTimeout);
                ctx.close();
            }
        }, environmentTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // The script's continuations run inside this call (replies complete its futures here), so
        // their log lines carry the call's id.
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CALL_ID, callIdOf(msg))) {
            read(ctx, msg);
        }
    }

    private String callIdOf(Object msg) {
        return session != null ? session.uniqueId() : msg instanceof AgiEnvironment e ? e.uniqueId() : "-";
    }

    private void read(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case AgiEnvironment environment -> start(ctx, environment);
            case AgiReply reply -> {
                if (session == null || !session.onReply(reply)) {
                    log.warn("FastAGI peer {} (uniqueid {}) sent a reply with no command pending: {}; closing",
                            ctx.channel().remoteAddress(), uniqueId(), AgiReplyParser.quote(reply.raw()));
                    closeFromHere(ctx, "a reply with no command pending");
                }
            }
            case AgiHangupNotice notice -> {
                if (session != null) {
                    log.debug("FastAGI {}: HANGUP", uniqueId());
                    session.onHangupNotice();
                }
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    private void start(ChannelHandlerContext ctx, AgiEnvironment environment) {
        if (environmentTimer != null) {
            environmentTimer.cancel(false);
        }
        session = new AgiSession(ctx.channel(), environment, commandTimeout);
        Optional<AgiScript> script;
        try {
            script = resolver.resolve(environment);
        } catch (RuntimeException e) {
            log.error("FastAGI {}: resolving script for request '{}' failed; closing",
                    environment.uniqueId(), environment.request(), e);
            ctx.close();
            return;
        }
        if (script.isEmpty()) {
            log.warn("FastAGI {}: no script for request '{}' (script name '{}', channel {}); closing",
                    environment.uniqueId(), environment.request(), environment.scriptName(),
                    environment.channel());
            ctx.close();
            return;
        }
        try {
            script.get().start(session);
        } catch (RuntimeException | Error e) {
            log.error("FastAGI {}: script for '{}' failed; closing", environment.uniqueId(),
                    environment.scriptName(), e);
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (session != null && session.hasPendingCommand()) {
                return; // waiting for Asterisk (e.g. a long Dial) is not idleness
            }
            log.warn("FastAGI peer {} (uniqueid {}) idle for {} with no command pending; closing",
                    ctx.channel().remoteAddress(), uniqueId(), idleTimeout);
            closeFromHere(ctx, "idle for " + idleTimeout);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (environmentTimer != null) {
            environmentTimer.cancel(false);
        }
        if (session != null) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(CALL_ID, session.uniqueId())) {
                session.onChannelClosed();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            log.warn("{} (uniqueid {}); closing", cause.getMessage(), uniqueId());
            closeFromHere(ctx, "malformed input: " + cause.getMessage());
        } else if (cause instanceof IOException) {
            log.debug("FastAGI peer {} (uniqueid {}): {}", ctx.channel().remoteAddress(), uniqueId(),
                    cause.toString());
            ctx.close(); // the connection broke: the other side's doing, not Hotline's
        } else {
            log.warn("FastAGI peer {} (uniqueid {}): unexpected error; closing",
                    ctx.channel().remoteAddress(), uniqueId(), cause);
            closeFromHere(ctx, "unexpected error: " + cause);
        }
    }

    /** Hotline's own decision to end the session: the script learns why (the caller goes to the fallback). */
    private void closeFromHere(ChannelHandlerContext ctx, String reason) {
        if (session != null) {
            session.closeBecause(reason);
        } else {
            ctx.close();
        }
    }

    private String uniqueId() {
        return session == null ? "-" : session.uniqueId();
    }
}
