package org.hotline.agi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One call's FastAGI conversation, asynchronous.
 *
 * <p><b>Thread model.</b> All state lives on the channel's event loop and is touched only
 * there; methods called from other threads hop onto it. No locks are taken, so no
 * future is ever completed under a lock. Futures complete on the event loop, so
 * non-async continuations ({@code thenApply}, {@code thenCompose}, ...) run there too:
 * they must not block. Use the {@code *Async} variants with an executor for blocking work.
 *
 * <p><b>Sequencing.</b> Commands are queued; exactly one is on the wire at a time, the
 * next is written only when the previous one's final reply arrived, and futures
 * complete in send order. A provisional {@code 100} (e.g. {@code GOSUB}'s
 * {@code 100 result=0 Trying...}) is not a final reply.
 *
 * <p><b>Hang-up.</b> A {@code HANGUP} line marks the session hung up and runs the
 * {@link #onHangup} listeners; it never completes a command. Commands keep going out
 * after a hang-up: Asterisk still answers them (those not allowed on a dead channel
 * with {@code 511}, see {@link AgiReply#isDeadChannel()}), so a script can read
 * variables and log after the caller left. Replies, including 5xx ones, complete the
 * future normally; only a closed channel fails it, with {@link AgiSessionClosedException}.
 *
 * <p><b>Deadlines.</b> A command gets no reply within its deadline (by default
 * {@link FastAgiOptions#commandTimeout()}; Dial and the waits are given their own, or none)
 * fails with {@link AgiCommandTimeoutException} and closes the session: the conversation is
 * out of step from then on. {@link #closedByHotline()} then says why.
 */
public final class AgiSession {

    private static final Logger log = LoggerFactory.getLogger(AgiSession.class);

    private final Channel channel;
    private final AgiEnvironment environment;
    private final Duration defaultDeadline;

    // Event-loop confined.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private final List<Runnable> hangupListeners = new ArrayList<>(1);
    private final List<Runnable> closeListeners = new ArrayList<>(1);

    // Written on the event loop, read anywhere.
    private volatile boolean hungUp;
    private volatile boolean closed;
    /** Why Hotline closed the session; null while open or when Asterisk's side closed it. */
    private volatile String closedByHotline;

    /** A queued or in-flight command; its timer runs while it is on the wire. */
    private static final class Pending {
        final String line;
        final CompletableFuture<AgiReply> future;
        final Duration deadline;
        ScheduledFuture<?> timer;

        Pending(String line, CompletableFuture<AgiReply> future, Duration deadline) {
            this.line = line;
            this.future = future;
            this.deadline = deadline;
        }
    }

    AgiSession(Channel channel, AgiEnvironment environment) {
        this(channel, environment, FastAgiOptions.DEFAULT_COMMAND_TIMEOUT);
    }

    AgiSession(Channel channel, AgiEnvironment environment, Duration defaultDeadline) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.defaultDeadline = Objects.requireNonNull(defaultDeadline, "defaultDeadline");
    }

    public AgiEnvironment environment() {
        return environment;
    }

    /** {@code agi_uniqueid}, for logging. */
    public String uniqueId() {
        return environment.uniqueId();
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /**
     * Queues one command line (without line end, e.g. {@code GET VARIABLE CALLERID(num)}).
     * The future completes with the final reply on the event loop, or fails with
     * {@link AgiSessionClosedException} if the channel closes first, or with
     * {@link IllegalArgumentException} if the line is empty or contains a line end.
     */
    public CompletableFuture<AgiReply> send(String commandLine) {
        return send(commandLine, defaultDeadline);
    }

    /**
     * As {@link #send(String)}, with the command's own deadline counted from when it goes on the
     * wire; {@code null} for none (a Dial, which lasts the whole conversation).
     */
    public CompletableFuture<AgiReply> send(String commandLine, Duration deadline) {
        CompletableFuture<AgiReply> future = new CompletableFuture<>();
        if (commandLine == null || commandLine.isBlank()
                || commandLine.indexOf('\n') >= 0 || commandLine.indexOf('\r') >= 0) {
            future.completeExceptionally(new IllegalArgumentException(
                    "an AGI command must be one non-empty line, was " + quoteOrNull(commandLine)));
            return future;
        }
        Pending pending = new Pending(commandLine, future, deadline);
        if (channel.eventLoop().inEventLoop()) {
            enqueue(pending);
        } else {
            try {
                channel.eventLoop().execute(() -> enqueue(pending));
            } catch (RejectedExecutionException e) {
                future.completeExceptionally(closedException("the server is stopping"));
            }
        }
        return future;
    }

    /** Sends an Asterisk-Java command object: the line its {@code buildCommand()} gives ({@link AgiCommandLines}). */
    public CompletableFuture<AgiReply> send(AgiCommand command) {
        Objects.requireNonNull(command, "command");
        return send(AgiCommandLines.of(command));
    }

    /** As {@link #send(String, Duration)} for an Asterisk-Java command object. */
    public CompletableFuture<AgiReply> send(AgiCommand command, Duration deadline) {
        Objects.requireNonNull(command, "command");
        return send(AgiCommandLines.of(command), deadline);
    }

    /**
     * The session's event loop, for continuations that complete elsewhere (e.g. on another
     * component's thread) and must come back to the session's thread, where its state lives.
     */
    public java.util.concurrent.Executor executor() {
        return channel.eventLoop();
    }

    /** The deadline a command gets unless the script gives its own. */
    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    /**
     * Why Hotline closed this session (its script, a deadline, a protocol violation, idleness),
     * or empty while it is open or when the other side (Asterisk, the network) closed it.
     */
    public java.util.Optional<String> closedByHotline() {
        return java.util.Optional.ofNullable(closedByHotline);
    }

    /** True once Asterisk sent {@code HANGUP}: the caller is gone. */
    public boolean isHungUp() {
        return hungUp;
    }

    /** True once the FastAGI channel closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Runs {@code listener} on the event loop when {@code HANGUP} arrives, or at once
     * (still on the event loop) if it already did. Not run if the channel merely closes.
     */
    public void onHangup(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        onLoop(() -> {
            if (hungUp) {
                runListener(listener, "hangup");
            } else {
                hangupListeners.add(listener);
            }
        });
    }

    /** Runs {@code listener} on the event loop when the channel closes, or at once if it has. */
    public void onClose(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        onLoop(() -> {
            if (closed) {
                runListener(listener, "close");
            } else {
                closeListeners.add(listener);
            }
        });
    }

    /**
     * Closes the FastAGI channel; Asterisk then continues the dialplan. Pending commands
     * fail with {@link AgiSessionClosedException}. Idempotent.
     */
    public void close() {
        closeBecause("the script ended the session");
    }

    /** Closes the channel from Hotline's side, remembering why for {@link #closedByHotline()}. */
    void closeBecause(String reason) {
        if (!closed && closedByHotline == null) {
            closedByHotline = reason;
        }
        channel.close();
    }

    /**
     * Ends the session because the script failed: logs {@code cause} once with the call's
     * uniqueid and closes the channel, so Asterisk continues the dialplan (whose fallback
     * answers the caller). Returns {@code null} so that it fits
     * {@code future.exceptionally(session::abort)}.
     */
    public Void abort(Throwable cause) {
        log.error("FastAGI {}: script failed; closing", uniqueId(), cause);
        closeBecause("the script failed: " + cause);
        return null;
    }

    /** True while a command is on the wire or queued; the idle timer ignores such time. */
    boolean hasPendingCommand() {
        return inFlight != null || !queue.isEmpty();
    }

    // ---- called by AgiSessionHandler, on the event loop ----

    /** Returns false if the reply matches no command (a protocol violation). */
    boolean onReply(AgiReply reply) {
        if (inFlight == null) {
            return false;
        }
        if (reply.isProvisional()) {
            log.debug("FastAGI {}: provisional reply to '{}': {}", uniqueId(), inFlight.line, reply.raw());
            return true;
        }
        Pending done = inFlight;
        inFlight = null;
        if (done.timer != null) {
            done.timer.cancel(false);
        }
        done.future.complete(reply);
        writeNext();
        return true;
    }

    void onHangupNotice() {
        if (hungUp) {
            return;
        }
        hungUp = true;
        List<Runnable> listeners = List.copyOf(hangupListeners);
        hangupListeners.clear();
        for (Runnable listener : listeners) {
            runListener(listener, "hangup");
        }
    }

    void onChannelClosed() {
        if (closed) {
            return;
        }
        closed = true;
        List<Pending> failed = new ArrayList<>(queue.size() + 1);
        if (inFlight != null) {
            if (inFlight.timer != null) {
                inFlight.timer.cancel(false);
            }
            failed.add(inFlight);
            inFlight = null;
        }
        failed.addAll(queue);
        queue.clear();
        if (!failed.isEmpty()) {
            AgiSessionClosedException e = closedException(failed.size() + " command(s) pending, first '"
                    + failed.get(0).line + "'");
            for (Pending p : failed) {
                p.future.completeExceptionally(e);
            }
        }
        List<Runnable> listeners = List.copyOf(closeListeners);
        closeListeners.clear();
        for (Runnable listener : listeners) {
            runListener(listener, "close");
        }
    }

    private void enqueue(Pending pending) {
        if (closed) {
            pending.future.completeExceptionally(closedException("command '" + pending.line + "' not sent"));
            return;
        }
        queue.add(pending);
        writeNext();
    }

    private void writeNext() {
        if (inFlight != null || closed || queue.isEmpty()) {
            return;
        }
        Pending next = queue.poll();
        inFlight = next;
        if (next.deadline != null) {
            next.timer = channel.eventLoop().schedule(() -> deadlinePassed(next),
                    next.deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        channel.writeAndFlush(next.line).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private void deadlinePassed(Pending pending) {
        if (inFlight != pending || closed) {
            return;
        }
        String reason = "no reply to '" + pending.line + "' within " + pending.deadline.toMillis() + " ms";
        log.warn("FastAGI {}: {}; closing the session so that the dialplan's fallback takes the caller",
                uniqueId(), reason);
        inFlight = null;
        pending.future.completeExceptionally(new AgiCommandTimeoutException("FastAGI channel " + channel.remoteAddress()
                + " (uniqueid " + uniqueId() + "): " + reason));
        closeBecause(reason);
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    private void runListener(Runnable listener, String kind) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            log.warn("FastAGI {}: {} listener failed", uniqueId(), kind, e);
        }
    }

    private AgiSessionClosedException closedException(String detail) {
        return new AgiSessionClosedException("FastAGI channel " + channel.remoteAddress()
                + " (uniqueid " + uniqueId() + ") closed: " + detail);
    }

    private static String quoteOrNull(String line) {
        return line == null ? "null" : AgiReplyParser.quote(line);
    }

    @Override
    public String toString() {
        return "AgiSession[" + uniqueId() + " " + environment.channel() + " from " + channel.remoteAddress() + "]";
    }
}
