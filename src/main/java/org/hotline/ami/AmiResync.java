package org.hotline.ami;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.hotline.call.TelephonyEvent;

/**
 * Rebuilds the domain's picture after every (re)connect: {@code DeviceStateList} publishes every
 * device's state as {@code DeviceStateChanged}; {@code CoreShowChannels} publishes every live channel as
 * {@code ChannelCreated} + {@code ChannelStateChanged} (+ {@code BridgeEntered} when bridged); a channel
 * known before the reconnect that Asterisk no longer lists gets a {@code HungUp}. Items are published as
 * they arrive, in wire order with live events, so a live change is never overwritten by an older item.
 */
final class AmiResync {

    static final String VANISHED_CAUSE = "Gone while the AMI connection was down";

    /** What a resync found. */
    record Result(int devices, int channels, int vanished) {
    }

    private final AmiEventTranslator translator;
    private final Clock clock;
    private final Consumer<TelephonyEvent> publish;

    AmiResync(AmiEventTranslator translator, Clock clock, Consumer<TelephonyEvent> publish) {
        this.translator = translator;
        this.clock = clock;
        this.publish = publish;
    }

    /** Runs on the connection's event loop; {@code live} is consulted and updated through {@code publish}. */
    CompletableFuture<Result> run(AmiConnection conn, AmiOptions options, LiveChannels live) {
        Map<String, String> before = live.snapshot();
        Set<String> listed = new HashSet<>();
        CompletableFuture<List<AmiMessage>> devices = conn.sendList(AmiAction.of("DeviceStateList"),
                options.listTimeout(), item -> translator.translate(item).ifPresent(publish));
        return devices.thenCompose(devs -> conn.sendList(AmiAction.of("CoreShowChannels"), options.listTimeout(),
                item -> {
                    List<TelephonyEvent> events = translator.translateChannelSnapshot(item);
                    if (!events.isEmpty()) {
                        listed.add(item.value("Uniqueid"));
                    }
                    events.forEach(publish);
                }).thenApply(chans -> {
                    int vanished = 0;
                    for (Map.Entry<String, String> e : before.entrySet()) {
                        if (live.contains(e.getKey()) && !listed.contains(e.getKey())) {
                            publish.accept(new TelephonyEvent.HungUp(clock.instant(), e.getValue(), e.getKey(), 0,
                                    VANISHED_CAUSE));
                            vanished++;
                        }
                    }
                    return new Result(devs.size(), chans.size(), vanished);
                }));
    }
}
