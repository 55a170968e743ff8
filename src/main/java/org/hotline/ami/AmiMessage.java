package org.hotline.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message received from Asterisk: an event ({@code Event: ...}) or a response ({@code Response: ...}).
 * Immutable; keeps its fields in wire order; looks keys up case-insensitively; a key may repeat
 * (e.g. {@code ChanVariable} or the {@code Output} lines of a command).
 */
public final class AmiMessage implements AmiFrame {

    private final List<AmiField> fields;

    private AmiMessage(List<AmiField> fields) {
        this.fields = fields;
    }

    public static AmiMessage of(List<AmiField> fields) {
        return new AmiMessage(List.copyOf(fields));
    }

    /** Test and tool convenience: {@code of("Event", "Hangup", "Channel", "PJSIP/1001-0001")}. */
    public static AmiMessage of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<AmiField> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new AmiField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new AmiMessage(List.copyOf(list));
    }

    public List<AmiField> fields() {
        return fields;
    }

    /** The first value of {@code name} (case-insensitive), if present. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The first value of {@code name} (case-insensitive), or {@code null}. */
    public String value(String name) {
        for (AmiField f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** The first value of {@code name}, or {@code fallback} when absent. */
    public String valueOr(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    /** Every value of {@code name}, in wire order. */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (AmiField f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return List.copyOf(out);
    }

    public boolean has(String name) {
        return value(name) != null;
    }

    /** The event name, or {@code null} when this is not an event. */
    public String eventName() {
        return value("Event");
    }

    /** The response kind ({@code Success}, {@code Error}, {@code Follows}, {@code Goodbye}) or {@code null}. */
    public String response() {
        return value("Response");
    }

    public String actionId() {
        return value("ActionID");
    }

    public boolean isEvent() {
        return eventName() != null;
    }

    public boolean isResponse() {
        return response() != null;
    }

    public boolean isSuccess() {
        String r = response();
        return "Success".equalsIgnoreCase(r) || "Follows".equalsIgnoreCase(r) || "Goodbye".equalsIgnoreCase(r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmiMessage m && m.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AmiMessage{");
        for (int i = 0; i < fields.size(); i++) {
            AmiField f = fields.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(f.name()).append('=');
            sb.append(f.name().equalsIgnoreCase("Secret") ? "***" : f.value());
        }
        return sb.append('}').toString();
    }
}
