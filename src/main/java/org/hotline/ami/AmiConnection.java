package org.hotline.ami;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One manager session on one Netty channel: waits for the banner, correlates responses to actions by
 * {@code ActionID}, collects list actions' events until {@code EventList: Complete}, and passes every
 * other event on. All state lives on the channel's event loop, so there are no locks; futures complete
 * on that loop. When the channel closes, every pending future fails with {@link AmiException.NotConnected}.
 * Reconnecting is not its business: see {@link AmiClient}.
 */
public final class AmiConnection extends SimpleChannelInboundHandler<AmiFrame> {

    private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);

    private final Consumer<AmiMessage> events;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final CompletableFuture<AmiBanner> banner = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private Channel channel;
    private String closeReason;
    private long nextId;

    /** {@code events} receives every event that is not part of a list answer, on the event loop. */
    public AmiConnection(Consumer<AmiMessage> events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Completes when Asterisk's greeting arrives. */
    public CompletableFuture<AmiBanner> banner() {
        return banner;
    }

    /** Completes, with the reason, when the channel has closed. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    public boolean isOpen() {
        return channel != null && channel.isActive() && !closed.isDone();
    }

    /** Sends {@code action} and completes with its response; {@code Response: Error} fails the future. */
    public CompletableFuture<AmiMessage> send(AmiAction action, Duration timeout) {
        CompletableFuture<AmiMessage> future = new CompletableFuture<>();
        submit(new Pending(action, future, null, null), timeout);
        return future;
    }

    /**
     * Sends a list action and completes with its events (without the closing {@code ...Complete}
     * event) once {@code EventList: Complete} arrives. {@code onItem}, if given, sees each event as
     * it arrives, in wire order with the live events.
     */
    public CompletableFuture<List<AmiMessage>> sendList(AmiAction action, Duration timeout, Consumer<AmiMessage> onItem) {
        CompletableFuture<List<AmiMessage>> future = new CompletableFuture<>();
        submit(new Pending(action, null, future, onItem), timeout);
        return future;
    }

    /** Closes the channel, recording why; pending futures fail with that reason. */
    public void close(String reason) {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        if (ch.eventLoop().inEventLoop()) {
            closeNow(ch, reason);
        } else {
            ch.eventLoop().execute(() -> closeNow(ch, reason));
        }
    }

    private void closeNow(Channel ch, String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        ch.close();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AmiFrame frame) {
        switch (frame) {
            case AmiBanner b -> banner.complete(b);
            case AmiMessage m -> onMessage(m);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String reason = closeReason != null ? closeReason : "connection closed by " + ctx.channel().remoteAddress();
        closeReason = reason;
        banner.completeExceptionally(new AmiException.NotConnected("AMI " + reason + " before the banner"));
        List<Pending> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : failed) {
            p.fail(new AmiException.NotConnected("AMI action " + p.action.name() + " lost: " + reason));
        }
        closed.complete(reason);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("AMI {}: closing after error: {}", ctx.channel().remoteAddress(), cause.toString());
        if (closeReason == null) {
            closeReason = "I/O error: " + cause.getMessage();
        }
        ctx.close();
    }

    private void submit(Pending p, Duration timeout) {
        Channel ch = channel;
        if (ch == null) {
            p.fail(new AmiException.NotConnected("AMI not connected"));
            return;
        }
        if (ch.eventLoop().inEventLoop()) {
            register(p, timeout);
        } else {
            ch.eventLoop().execute(() -> register(p, timeout));
        }
    }

    private void register(Pending p, Duration timeout) {
        if (!channel.isActive() || closed.isDone()) {
            p.fail(new AmiException.NotConnected("AMI not connected" + (closeReason == null ? "" : ": " + closeReason)));
            return;
        }
        String id = "hl-" + (++nextId);
        AmiAction action = p.action.withActionId(id);
        pending.put(id, p);
        p.timer = channel.eventLoop().schedule(() -> {
            if (pending.remove(id) == p) {
                p.fail(new AmiException.Timeout("AMI action " + p.action.name() + " got no "
                        + (p.list == null ? "response" : "complete list") + " within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.writeAndFlush(action).addListener(f -> {
            if (!f.isSuccess() && pending.remove(id) == p) {
                p.fail(new AmiException.NotConnected("AMI action " + p.action.name() + " not sent: " + f.cause()));
            }
        });
    }

    private void onMessage(AmiMessage m) {
        String id = m.actionId();
        Pending p = id == null ? null : pending.get(id);
        if (p == null) {
            if (m.isEvent()) {
                events.accept(m);
            } else {
                log.debug("AMI response for no pending action: {}", m);
            }
            return;
        }
        if (m.isResponse()) {
            if (!m.isSuccess()) {
                pending.remove(id);
                p.fail(new AmiException.ActionFailed(p.action.name(), m));
            } else if (p.single != null) {
                pending.remove(id);
                p.timer.cancel(false);
                p.single.complete(m);
            }
            return;
        }
        if (p.list == null) {
            events.accept(m); // e.g. OriginateResponse carries the Originate's ActionID
            return;
        }
        if ("Complete".equalsIgnoreCase(m.value("EventList"))) {
            pending.remove(id);
            p.timer.cancel(false);
            p.list.complete(List.copyOf(p.items));
            return;
        }
        p.items.add(m);
        if (p.onItem != null) {
            p.onItem.accept(m);
        }
    }

    private static final class Pending {
        final AmiAction action;
        final CompletableFuture<AmiMessage> single;
        final CompletableFuture<List<AmiMessage>> list;
        final Consumer<AmiMessage> onItem;
        final List<AmiMessage> items = new ArrayList<>();
        ScheduledFuture<?> timer;

        Pending(AmiAction action, CompletableFuture<AmiMessage> single,
                CompletableFuture<List<AmiMessage>> list, Consumer<AmiMessage> onItem) {
            this.action = action;
            this.single = single;
            this.list = list;
            this.onItem = onItem;
        }

        void fail(Throwable t) {
            if (timer != null) {
                timer.cancel(false);
            }
            if (single != null) {
                single.completeExceptionally(t);
            } else {
                list.completeExceptionally(t);
            }
        }
    }
}
