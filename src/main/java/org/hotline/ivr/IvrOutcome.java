package org.hotline.ivr;

import java.util.Map;

/** How a call left the IVR. */
public sealed interface IvrOutcome {

    /** The node the call was at when it left the IVR. */
    String node();

    /** True when the caller got what they called for without an agent: the call record's {@code self-served}. */
    default boolean selfServed() {
        return false;
    }

    /** Handed to a queue (a route node); {@code vip}: the VIP skip sent it there. */
    record Routed(String node, String queue, Map<String, Integer> skills, int priority, boolean vip)
            implements IvrOutcome {
        public Routed {
            skills = Map.copyOf(skills);
        }
    }

    /**
     * Served by the IVR itself: the call passed a node marked {@code selfServed} and then the flow
     * hung up or the caller left.
     */
    record SelfServed(String node) implements IvrOutcome {
        @Override
        public boolean selfServed() {
            return true;
        }
    }

    /** A hangup node ended the call before the caller was served (e.g. the center is closed). */
    record HungUpByFlow(String node) implements IvrOutcome {
    }

    /** The caller hung up in the IVR before being served or routed. */
    record CallerLeft(String node) implements IvrOutcome {
    }
}
