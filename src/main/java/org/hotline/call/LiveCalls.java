package org.hotline.call;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The calls in progress, by call id (the caller channel's Asterisk uniqueid). Thread-safe. */
public final class LiveCalls {

    private final ConcurrentHashMap<String, LiveCall> calls = new ConcurrentHashMap<>();

    public void add(LiveCall call) {
        calls.put(call.id(), call);
    }

    public void remove(String callId) {
        calls.remove(callId);
    }

    public Optional<LiveCall> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    public Collection<LiveCall> all() {
        return calls.values();
    }

    public int size() {
        return calls.size();
    }
}
