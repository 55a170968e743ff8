package org.hotline.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline.call.Agent;
import org.hotline.call.AgentAttempt;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallHistory;
import org.hotline.call.CallRecord;
import org.hotline.call.Disposition;
import org.hotline.call.LiveCall;
import org.hotline.metrics.AgentDayFigures;
import org.hotline.metrics.KpiCounters;
import org.hotline.standards.PhoneStandards;
import org.hotline.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The agent hung up first and is in wrap-up while the caller still answers the survey, so the call
 * has no record yet: a disposition given then, and the end of the wrap-up, land on the record when
 * the call ends, once each.
 */
class CallAftercareSurveyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String CALL = "1700000000.7";
    private final MutableClock clock = new MutableClock(T0);
    private final PhoneStandards standards = new PhoneStandards(Duration.ofSeconds(6), 3, 3, 2, 3, Duration.ofSeconds(20));
    private final AgentRoster roster = new AgentRoster(List.of(new Agent("1001", "Alice", "1001", List.of("support"))),
            a -> "PJSIP/" + a.extension(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);
    private final StoredVersions history = new StoredVersions();
    private final CallAftercare aftercare = new CallAftercare(history,
            new CallerIdentification(new HotlineCallEndsTest.NoCustomers(), n -> n, Runnable::run), roster,
            new AgentDayFigures(ZoneOffset.UTC, clock));
    private final LiveCall call = new LiveCall(CALL, "4155550100", "support", T0, standards);

    /** Alice talked 30 s and hung up; the caller is in the survey. */
    private void theAgentHungUpFirst() {
        call.systemAnswered(T0);
        assertTrue(roster.reserve("1001", CALL));
        clock.advance(Duration.ofSeconds(2));
        call.agentRung("1001", T0, Duration.ofSeconds(2), AgentAttempt.Result.ANSWERED);
        roster.ringEnded("1001", CALL, AgentAttempt.Result.ANSWERED);
        clock.advance(Duration.ofSeconds(30));
        call.conversationEnded(clock.instant());
        roster.callEnded("1001", CALL);
        assertEquals("wrap-up", roster.view("1001").state());
        assertTrue(call.conversationOver());
    }

    private CallRecord theSurveyEnds() {
        clock.advance(Duration.ofSeconds(25));
        call.ended(clock.instant(), null);
        CallRecord record = call.toRecord(clock.instant());
        history.append(record, KpiCounters.ZERO);
        aftercare.callEnded(record);
        return record;
    }

    @Test
    void aDispositionGivenDuringTheSurveyEndsTheWrapUpAndLandsOnTheRecord() {
        theAgentHungUpFirst();
        clock.advance(Duration.ofSeconds(5));
        Disposition resolved = new Disposition("resolved", true, "address changed", "Alice", clock.instant());

        CallRecord answer = aftercare.disposeWhenEnded(call, resolved);

        assertEquals(resolved, answer.disposition(), "the desk sees its disposition at once");
        assertEquals("available", roster.view("1001").state(), "the disposition ends the wrap-up");
        assertTrue(history.versions.isEmpty(), "nothing is stored before the call ends");
        theSurveyEnds();
        CallRecord last = history.versions.get(history.versions.size() - 1);
        assertEquals(resolved, last.disposition());
        assertEquals(2, history.versions.size(), "the record, then the record with its disposition");
        assertEquals(resolved, aftercare.find(CALL).orElseThrow().disposition());
    }

    @Test
    void aWrapUpThatEndsDuringTheSurveyIsOnTheRecordOnce() {
        theAgentHungUpFirst();
        clock.advance(Duration.ofSeconds(15));
        aftercare.wrapUpEnded(new AgentRoster.WrapUpEnded("1001", CALL, Duration.ofSeconds(15)));
        assertTrue(history.amendedParts.isEmpty(), "no record yet to amend");

        theSurveyEnds();
        assertEquals(List.of("wrap-up"), history.amendedParts);
        assertEquals(15.0, aftercare.find(CALL).orElseThrow().wrapUpSeconds());
    }

    @Test
    void aWrapUpAfterTheCallEndedAmendsTheRecordAsBefore() {
        theAgentHungUpFirst();
        CallRecord record = theSurveyEnds();
        assertNull(record.wrapUpSeconds());
        aftercare.wrapUpEnded(new AgentRoster.WrapUpEnded("1001", CALL, Duration.ofSeconds(15)));
        assertEquals(List.of("wrap-up"), history.amendedParts);
    }

    /** The store, as the versions handed to it in order. */
    private static final class StoredVersions implements CallHistory {
        final List<CallRecord> versions = new ArrayList<>();
        final List<String> amendedParts = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Void> append(CallRecord record, KpiCounters contribution) {
            versions.add(record);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletableFuture<Void> amend(CallRecord record, KpiCounters extra, String part) {
            versions.add(record);
            amendedParts.add(part);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<CallRecord> recent(int limit) {
            return List.of();
        }

        @Override
        public Optional<CallRecord> find(String id) {
            return Optional.empty();
        }

        @Override
        public KpiCounters counters(String queue, Instant from, Instant to) {
            return KpiCounters.ZERO;
        }
    }
}
