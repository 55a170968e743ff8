package org.hotline.ami;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.call.TelephonyEvent;

/**
 * The channels Hotline was told about and not yet told are gone, by unique id. After a reconnect the
 * resync compares them with Asterisk's list, so that a channel that ended while the connection was down
 * (e.g. every channel, after an Asterisk restart) still gets its {@code HungUp}. Event-loop confined.
 */
final class LiveChannels {

    private final Map<String, String> channelByUniqueId = new LinkedHashMap<>();

    void track(TelephonyEvent e) {
        switch (e) {
            case TelephonyEvent.ChannelCreated c -> channelByUniqueId.put(c.uniqueId(), c.channel());
            case TelephonyEvent.HungUp h -> channelByUniqueId.remove(h.uniqueId());
            default -> {
            }
        }
    }

    boolean contains(String uniqueId) {
        return channelByUniqueId.containsKey(uniqueId);
    }

    /** A copy: unique id to channel name, in creation order. */
    Map<String, String> snapshot() {
        return new LinkedHashMap<>(channelByUniqueId);
    }

    int size() {
        return channelByUniqueId.size();
    }
}
