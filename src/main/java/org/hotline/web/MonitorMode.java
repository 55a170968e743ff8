package org.hotline.web;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a supervisor joins a live call: Asterisk's ChanSpy plain, with {@code w}, or with {@code B}. */
public enum MonitorMode {
    /** Hears both sides; neither hears the supervisor. */
    LISTEN,
    /** Hears both sides; only the agent hears the supervisor. */
    WHISPER,
    /** Hears and is heard by both sides. */
    BARGE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode whose wire name is {@code text}, or empty. */
    public static Optional<MonitorMode> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(text)).findFirst();
    }
}
