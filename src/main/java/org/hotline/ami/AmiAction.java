package org.hotline.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An action to send to Asterisk: a name ({@code Action: Name}) and ordered fields. Immutable; the
 * {@code with} methods return copies. Values may not contain line breaks (they would inject fields).
 */
public final class AmiAction {

    private final String name;
    private final List<AmiField> fields;

    private AmiAction(String name, List<AmiField> fields) {
        this.name = name;
        this.fields = fields;
    }

    public static AmiAction of(String name) {
        checkText("action name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("action name is blank");
        }
        return new AmiAction(name, List.of());
    }

    /** A copy with {@code name: value} appended; repeated names are kept (e.g. {@code Variable}). */
    public AmiAction with(String fieldName, String value) {
        checkText("field name", fieldName);
        checkText("value of " + fieldName, value);
        if (fieldName.isBlank() || fieldName.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bad field name '" + fieldName + "'");
        }
        List<AmiField> copy = new ArrayList<>(fields.size() + 1);
        copy.addAll(fields);
        copy.add(new AmiField(fieldName, value));
        return new AmiAction(name, List.copyOf(copy));
    }

    /** A copy whose {@code ActionID} is {@code id}, replacing any it had. */
    public AmiAction withActionId(String id) {
        List<AmiField> copy = new ArrayList<>(fields.size() + 1);
        for (AmiField f : fields) {
            if (!f.name().equalsIgnoreCase("ActionID")) {
                copy.add(f);
            }
        }
        return new AmiAction(name, List.copyOf(copy)).with("ActionID", id);
    }

    public String name() {
        return name;
    }

    public List<AmiField> fields() {
        return fields;
    }

    public String actionId() {
        for (AmiField f : fields) {
            if (f.name().equalsIgnoreCase("ActionID")) {
                return f.value();
            }
        }
        return null;
    }

    private static void checkText(String what, String text) {
        Objects.requireNonNull(text, what);
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " contains a line break");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmiAction a && a.name.equals(name) && a.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, fields);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AmiAction{").append(name);
        for (AmiField f : fields) {
            sb.append(", ").append(f.name()).append('=');
            sb.append(f.name().equalsIgnoreCase("Secret") ? "***" : f.value());
        }
        return sb.append('}').toString();
    }
}
