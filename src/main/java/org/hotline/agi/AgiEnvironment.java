package org.hotline.agi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code agi_*} variables Asterisk sends when a FastAGI session opens, immutable and
 * in wire order. Names are kept exactly as sent ({@code agi_channel}); the accessors
 * return {@code null} for a variable Asterisk did not send.
 */
public final class AgiEnvironment implements AgiMessage {

    private final Map<String, String> variables;
    private final List<String> arguments;

    private AgiEnvironment(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        List<String> args = new ArrayList<>();
        for (int i = 1; this.variables.containsKey("agi_arg_" + i); i++) {
            args.add(this.variables.get("agi_arg_" + i));
        }
        this.arguments = List.copyOf(args);
    }

    /** Copies {@code variables}, keeping its iteration order. */
    public static AgiEnvironment of(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        return new AgiEnvironment(variables);
    }

    /** Every variable in wire order (unmodifiable). */
    public Map<String, String> variables() {
        return variables;
    }

    /** The variable by its full name, e.g. {@code agi_dnid}; {@code null} if absent. */
    public String variable(String name) {
        return variables.get(name);
    }

    /** {@code agi_request}, e.g. {@code agi://127.0.0.1:4573/hotline?lang=en}. */
    public String request() {
        return variables.get("agi_request");
    }

    /** {@code agi_network_script}: the part of the request after {@code host:port/}. */
    public String networkScript() {
        return variables.get("agi_network_script");
    }

    /**
     * The script name a resolver keys on: {@code agi_network_script} (or, when absent, the
     * path of {@code agi_request}) without query string and surrounding slashes; empty
     * if neither names one.
     */
    public String scriptName() {
        String script = networkScript();
        if (script == null) {
            script = pathOf(request());
        }
        if (script == null) {
            return "";
        }
        int query = script.indexOf('?');
        if (query >= 0) {
            script = script.substring(0, query);
        }
        int start = 0;
        int end = script.length();
        while (start < end && script.charAt(start) == '/') {
            start++;
        }
        while (end > start && script.charAt(end - 1) == '/') {
            end--;
        }
        return script.substring(start, end);
    }

    private static String pathOf(String request) {
        if (request == null) {
            return null;
        }
        int scheme = request.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int slash = request.indexOf('/', scheme + 3);
        return slash < 0 ? null : request.substring(slash + 1);
    }

    public String channel() {
        return variables.get("agi_channel");
    }

    public String uniqueId() {
        return variables.get("agi_uniqueid");
    }

    public String callerId() {
        return variables.get("agi_callerid");
    }

    public String callerIdName() {
        return variables.get("agi_calleridname");
    }

    public String extension() {
        return variables.get("agi_extension");
    }

    public String context() {
        return variables.get("agi_context");
    }

    public String priority() {
        return variables.get("agi_priority");
    }

    public String language() {
        return variables.get("agi_language");
    }

    /** {@code agi_arg_1 .. agi_arg_N}, stopping at the first missing index. */
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgiEnvironment other && variables.equals(other.variables);
    }

    @Override
    public int hashCode() {
        return variables.hashCode();
    }

    @Override
    public String toString() {
        return "AgiEnvironment" + variables;
    }
}
