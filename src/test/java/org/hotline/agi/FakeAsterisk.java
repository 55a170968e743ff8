package org.hotline.agi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asterisk's side of one FastAGI session, for unit tests of call scripts: the real pipeline
 * (decoder, encoder, session handler) on an {@link EmbeddedChannel} with frozen time, the script
 * under test started on it. The test reads the commands the script sent and answers them.
 */
public final class FakeAsterisk {

    private final EmbeddedChannel channel;
    private final List<String> unread = new ArrayList<>();

    /** Opens a session for {@code script}: the environment of a call from {@code callerId} with {@code uniqueId}. */
    public FakeAsterisk(AgiScript script, String uniqueId, String callerId, Duration commandTimeout) {
        FastAgiOptions options = FastAgiOptions.defaults();
        channel = new EmbeddedChannel(new AgiFrameDecoder(options), AgiCommandEncoder.INSTANCE,
                new AgiSessionHandler(AgiScriptResolver.always(script), options.environmentTimeout(),
                        options.idleTimeout(), commandTimeout));
        channel.freezeTime();
        feed("agi_network: yes\nagi_request: agi://127.0.0.1/hotline\nagi_channel: PJSIP/pstn-00000001\n"
                + "agi_uniqueid: " + uniqueId + "\nagi_callerid: " + callerId + "\nagi_arg_1: \n\n");
    }

    /** The next command the script sent (without line end); fails when there is none. */
    public String next() {
        drain();
        if (unread.isEmpty()) {
            throw new AssertionError("the script sent no command");
        }
        return unread.remove(0);
    }

    /** True when the script has sent nothing more. */
    public boolean quiet() {
        drain();
        return unread.isEmpty();
    }

    /** Answers the command on the wire. */
    public FakeAsterisk reply(String line) {
        feed(line + "\n");
        return this;
    }

    /** Asterisk reports that the caller hung up. */
    public void hangUp() {
        feed("HANGUP\n");
    }

    /** The connection is cut from Asterisk's side (restart, reset). */
    public void cut() {
        channel.close();
        channel.runPendingTasks();
    }

    /** Hotline stops: it closes the session itself, as {@link FastAgiServer#stop} does. */
    public void hotlineStops() {
        session().closeBecause("Hotline is stopping");
        channel.runPendingTasks();
    }

    /** Lets {@code time} pass on the channel's clock and runs what became due (e.g. deadlines). */
    public void advance(Duration time) {
        channel.advanceTimeBy(time.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    public AgiSession session() {
        return channel.pipeline().get(AgiSessionHandler.class).session();
    }

    private void feed(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        channel.runPendingTasks();
    }

    private void drain() {
        channel.runPendingTasks();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            String text = buf.toString(StandardCharsets.UTF_8);
            buf.release();
            for (String line : text.split("\n")) {
                if (!line.isEmpty()) {
                    unread.add(line);
                }
            }
        }
    }
}
