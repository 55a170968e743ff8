package org.hotline.web;

import java.util.Optional;

/** The two live sockets: an agent's desktop and the supervisors' board. */
enum LiveSocketKind {
    AGENT("/ws/agent"), BOARD("/ws/board");

    final String path;

    LiveSocketKind(String path) {
        this.path = path;
    }

    static Optional<LiveSocketKind> of(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        for (LiveSocketKind k : values()) {
            if (k.path.equals(path)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
