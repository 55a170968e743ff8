package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opening hours through the real sandbox, on a clock the test sets: the shipped flow with an
 * {@code hours} node in front (weekdays 08:00-18:00 and Saturday mornings in Shanghai, one
 * holiday). On a Sunday and on the holiday a SIPp caller hears the closed message and the IVR
 * hangs up; on a weekday morning the same flow takes the caller to the menu and an agent. The
 * assertions read what a user would check: the call records (outcome, IVR path, arrival on the
 * day the clock said) and what Asterisk played to each caller's channel.
 */
class OutOfHoursIT extends SandboxTest {

    private static final ZoneId CENTER = ZoneId.of("Asia/Shanghai");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** The shipped flow, entered through the hours; {@code %s} is the holiday. */
    private static final String HOURS_FLOW = """
            ivr:
              start: hours
              nodes:
                hours:
                  type: hours
                  timeZone: Asia/Shanghai
                  weekly: { mon-fri: "08:00-18:00", sat: "09:00-12:00" }
                  holidays: [ %s ]
                  open: welcome
                  closed: closed
                closed: { type: hangup, prompt: closed }
            """;

    @Test
    void closedOnASundayAndOnTheHolidayOpenOnAWeekdayMorning() throws Exception {
        // Next week in Shanghai: Sunday noon, then Wednesday 10:00 (the holiday), then Thursday 09:00,
        // which is 01:00 in UTC: open only when the hours are read in the center's own zone.
        LocalDate sunday = LocalDate.now(CENTER).with(TemporalAdjusters.next(DayOfWeek.SUNDAY));
        LocalDate holiday = sunday.plusDays(3);
        LocalDate thursday = sunday.plusDays(4);
        ShiftedClock clock = new ShiftedClock(sunday.atTime(12, 0).atZone(CENTER).toInstant());
        HotlineUnderTest hotline = keep(HotlineUnderTest.startWith(List.of("1001"), true, false,
                HOURS_FLOW.formatted(holiday), clock));
        keep(Sipp.agent(1, "agent.xml", 500));
        AsteriskLog asterisk = AsteriskLog.fromNow();

        // Sunday: the caller only listens; the IVR says it is closed and hangs up.
        keep(Sipp.callers("caller.xml", "557601", 1, 30_000, 1000)).awaitSuccess(CALL_TIMEOUT);
        JsonNode onSunday = hotline.finishedCall("5576011", CALL_TIMEOUT);

        clock.moveTo(holiday.atTime(10, 0).atZone(CENTER).toInstant());
        keep(Sipp.callers("caller.xml", "557602", 1, 30_000, 1000)).awaitSuccess(CALL_TIMEOUT);
        JsonNode onTheHoliday = hotline.finishedCall("5576021", CALL_TIMEOUT);

        clock.moveTo(thursday.atTime(9, 0).atZone(CENTER).toInstant());
        keep(DtmfCaller.call("5576031", "5000", DtmfPresses.of("0", Duration.ofMillis(300)), Duration.ofSeconds(3)))
                .awaitSuccess(CALL_TIMEOUT);
        JsonNode onThursday = hotline.finishedCall("5576031", CALL_TIMEOUT);

        assertEquals(sunday, dayOf(onSunday), "the record is on the clock's day: " + onSunday.path("arrivedAt"));
        assertEquals(holiday, dayOf(onTheHoliday), onTheHoliday.path("arrivedAt")::toString);
        assertEquals(thursday, dayOf(onThursday), onThursday.path("arrivedAt")::toString);

        for (JsonNode closed : List.of(onSunday, onTheHoliday)) {
            assertEquals("ended-by-ivr", closed.path("outcome").asText(), closed::toPrettyString);
            assertEquals(0, closed.path("agentAttempts").size(), "no agent rung while closed: " + closed);
        }
        assertEquals(List.of("hours=closed", "closed="), path(onSunday), "Sunday is not in the weekly hours");
        assertEquals(List.of("hours=holiday", "closed="), path(onTheHoliday),
                "a Wednesday, but the holiday: the closed branch (the node has no holiday branch of its own)");

        assertEquals("answered", onThursday.path("outcome").asText(), onThursday::toPrettyString);
        assertEquals("1001", onThursday.path("agent").asText());
        List<String> open = path(onThursday);
        assertEquals("hours=open", open.get(0), open::toString);
        assertTrue(open.contains("main-menu=0"), open::toString);

        List<String> sundayHeard = asterisk.playedTo("5576011");
        List<String> holidayHeard = asterisk.playedTo("5576021");
        List<String> thursdayHeard = asterisk.playedTo("5576031");
        assertEquals(List.of("hotline/closed"), sundayHeard, "the closed message and nothing else");
        assertEquals(List.of("hotline/closed"), holidayHeard);
        assertFalse(thursdayHeard.contains("hotline/closed"), thursdayHeard::toString);
        assertTrue(thursdayHeard.contains("hotline/ivr-welcome"), "open: the welcome and the menu: " + thursdayHeard);
    }

    private static LocalDate dayOf(JsonNode call) {
        return Instant.parse(call.path("arrivedAt").asText()).atZone(CENTER).toLocalDate();
    }

    private static List<String> path(JsonNode call) {
        List<String> steps = new ArrayList<>();
        call.path("ivr").path("path").forEach(p -> steps.add(p.path("node").asText() + "=" + p.path("input").asText("")));
        return steps;
    }
}
