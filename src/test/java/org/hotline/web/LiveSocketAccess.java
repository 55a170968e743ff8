package org.hotline.web;

import io.netty.channel.Channel;

/**
 * Public doors, for tests outside this package (the fuzz targets), into the package-private way a
 * browser's live-socket message reaches {@link ScreenFeed}: the login the gate puts on the channel,
 * and {@code received}.
 */
public final class LiveSocketAccess {

    private LiveSocketAccess() {
    }

    /** Marks {@code channel} as opened by {@code user}, as {@link WebSocketGate} does after the handshake. */
    public static void signIn(Channel channel, SocketUser user) {
        channel.attr(WebSocketGate.USER).set(user);
    }

    /** Hands {@code text} to the feed as the browser on {@code channel} sent it. */
    public static void received(ScreenFeed feed, Channel channel, String text) {
        feed.received(channel, text);
    }
}
