package org.hotline.agi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The FastAGI pipeline (decoder, encoder, session handler) on an {@link EmbeddedChannel}
 * whose script only captures the session, so a test can drive it step by step.
 */
final class AgiTestChannel {

    static final String ENVIRONMENT = """
            agi_network: yes
            agi_network_script: hotline?lang=en
            agi_request: agi://127.0.0.1/hotline?lang=en
            agi_channel: PJSIP/caller-00000001
            agi_uniqueid: 1700000000.1
            agi_callerid: 5551234
            agi_calleridname: Ada Lovelace
            agi_context: hotline
            agi_extension: 100
            agi_priority: 2
            agi_arg_1: en
            agi_arg_2: vip

            """;

    final EmbeddedChannel channel;
    private final AtomicReference<AgiSession> session = new AtomicReference<>();

    AgiTestChannel() {
        this(FastAgiOptions.defaults());
    }

    AgiTestChannel(FastAgiOptions options) {
        AgiScriptResolver resolver = AgiScriptResolver.always(session::set);
        channel = new EmbeddedChannel(new AgiFrameDecoder(options), AgiCommandEncoder.INSTANCE,
                new AgiSessionHandler(resolver, options.environmentTimeout(), options.idleTimeout()));
        channel.freezeTime();
    }

    /** Sends the standard environment and returns the session the script received. */
    AgiSession open() {
        feed(ENVIRONMENT);
        AgiSession s = session.get();
        if (s == null) {
            throw new AssertionError("no session after the environment");
        }
        return s;
    }

    AgiSession session() {
        return session.get();
    }

    void feed(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /** Lines written by the server since the last call, without line ends. */
    List<String> written() {
        List<String> lines = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            String text = buf.toString(StandardCharsets.UTF_8);
            buf.release();
            for (String line : text.split("\n")) {
                lines.add(line);
            }
        }
        return lines;
    }

    void advance(Duration time) {
        channel.advanceTimeBy(time.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
