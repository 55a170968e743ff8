package org.hotline.ami;

/** The first line Asterisk sends on a manager connection, e.g. {@code Asterisk Call Manager/11.0.0}. */
public record AmiBanner(String line) implements AmiFrame {

    static final String PREFIX = "Asterisk Call Manager/";

    /** The protocol version after the slash, e.g. {@code 11.0.0}. */
    public String version() {
        return line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line;
    }
}
