package org.hotline.agi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the script for a new FastAGI request. Called on the channel's event loop, so
 * it must not block. An empty result means "unknown script": the server logs one line
 * naming the request and closes the channel without sending any command, so that
 * Asterisk continues the dialplan and its fallback answers the caller.
 */
@FunctionalInterface
public interface AgiScriptResolver {

    Optional<AgiScript> resolve(AgiEnvironment environment);

    /**
     * Maps {@link AgiEnvironment#scriptName()} ({@code NAME} in
     * {@code agi://host:port/NAME?args}) to scripts; the map is copied.
     */
    static AgiScriptResolver byName(Map<String, ? extends AgiScript> scripts) {
        Map<String, AgiScript> copy = Map.copyOf(scripts);
        return environment -> Optional.ofNullable(copy.get(environment.scriptName()));
    }

    /** Serves every request with the same script, whatever its name. */
    static AgiScriptResolver always(AgiScript script) {
        Objects.requireNonNull(script, "script");
        return environment -> Optional.of(script);
    }
}
