package org.hotline.ivr;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the center is open: weekly ranges and whole-day holidays in one time zone.
 *
 * <p>YAML: {@code weekly: {mon-fri: "08:00-18:00", sat: "09:00-12:00, 13:00-17:00"}} (days
 * {@code mon}..{@code sun}, a day or a range of days; each value one or more {@code HH:mm-HH:mm}
 * ranges, comma-separated, start included and end excluded, {@code 24:00} allowed as an end; a
 * range that would pass midnight is written as two ranges). Days not listed are closed.
 * {@code holidays: [2026-12-25]} are closed all day, whatever the weekly ranges say.
 */
public record OpeningHours(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays) {

    public OpeningHours {
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
        weekly = java.util.Collections.unmodifiableMap(copy);
        holidays = Set.copyOf(holidays);
    }

    /** What the hours say at an instant. */
    public enum State {
        OPEN, CLOSED, HOLIDAY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code [start, end)}; an end of {@code 24:00} is {@link #endOfDay}. */
    public record TimeRange(LocalTime start, LocalTime end, boolean endOfDay) {
        boolean contains(LocalTime t) {
            return !t.isBefore(start) && (endOfDay || t.isBefore(end));
        }
    }

    public State stateAt(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return State.HOLIDAY;
        }
        LocalTime time = local.toLocalTime();
        for (TimeRange range : weekly.getOrDefault(local.getDayOfWeek(), List.of())) {
            if (range.contains(time)) {
                return State.OPEN;
            }
        }
        return State.CLOSED;
    }

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern RANGE = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

    /**
     * Reads a {@code weekly} entry: {@code "mon-fri"} → the days; each problem goes to
     * {@code problems} as a message (the caller adds the key).
     */
    static List<DayOfWeek> days(String spec, Consumer<String> problems) {
        String[] ends = spec.strip().toLowerCase(Locale.ROOT).split("-", -1);
        int from = ends.length >= 1 ? DAYS.indexOf(ends[0].strip()) : -1;
        int to = ends.length == 2 ? DAYS.indexOf(ends[1].strip()) : ends.length == 1 ? from : -1;
        if (from < 0 || to < 0 || to < from) {
            problems.accept("'" + spec + "' is not a day or a range of days (mon, tue, wed, thu, fri, sat, sun; e.g. mon-fri)");
            return List.of();
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            days.add(DayOfWeek.of(d + 1));
        }
        return days;
    }

    /** Reads {@code "08:00-12:00, 13:00-17:00"}; problems as in {@link #days}. */
    static List<TimeRange> ranges(String spec, Consumer<String> problems) {
        List<TimeRange> ranges = new ArrayList<>();
        for (String part : spec.split(",")) {
            Matcher m = RANGE.matcher(part.strip());
            if (!m.matches()) {
                problems.accept("'" + part.strip() + "' is not a time range HH:mm-HH:mm (e.g. 08:00-18:00)");
                continue;
            }
            int sh = Integer.parseInt(m.group(1)), sm = Integer.parseInt(m.group(2));
            int eh = Integer.parseInt(m.group(3)), em = Integer.parseInt(m.group(4));
            boolean endOfDay = eh == 24 && em == 0;
            if (sh > 23 || sm > 59 || (!endOfDay && (eh > 23 || em > 59))) {
                problems.accept("'" + part.strip() + "' has a time that does not exist (00:00 to 24:00)");
                continue;
            }
            LocalTime start = LocalTime.of(sh, sm);
            LocalTime end = endOfDay ? LocalTime.MAX : LocalTime.of(eh, em);
            if (!end.isAfter(start)) {
                problems.accept("'" + part.strip() + "' ends before it starts; a range past midnight is two ranges"
                        + " (22:00-24:00 and the next day's 00:00-06:00)");
                continue;
            }
            ranges.add(new TimeRange(start, end, endOfDay));
        }
        return ranges;
    }
}
