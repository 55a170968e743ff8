package org.hotline.agi;

import io.netty.handler.timeout.IdleStateEvent;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgiSessionTest {

    private final AgiTestChannel wire = new AgiTestChannel();

    @Test
    void environmentReachesTheScript() {
        AgiSession session = wire.open();
        assertEquals("1700000000.1", session.uniqueId());
        assertEquals("hotline", session.environment().scriptName());
        assertFalse(session.isHungUp());
    }

    @Test
    void secondCommandIsWrittenOnlyAfterTheFirstReply() {
        AgiSession session = wire.open();
        CompletableFuture<AgiReply> answer = session.send("ANSWER");
        CompletableFuture<AgiReply> get = session.send("GET VARIABLE FOO");
        assertEquals(List.of("ANSWER"), wire.written());
        assertFalse(answer.isDone());

        wire.feed("200 result=0\n");
        assertEquals("0", answer.join().result());
        assertFalse(get.isDone());
        assertEquals(List.of("GET VARIABLE FOO"), wire.written());

        wire.feed("200 result=1 (bar)\n");
        assertEquals("bar", get.join().data());
        assertEquals(List.of(), wire.written());
    }

    @Test
    void futuresCompleteInOrderAndContinuationsMaySendMore() {
        AgiSession session = wire.open();
        List<String> order = new ArrayList<>();
        session.send("ANSWER").thenAccept(r -> {
            order.add("answer");
            session.send("STREAM FILE hello \"\"").thenAccept(r2 -> order.add("stream"));
        });
        session.send("GET VARIABLE A").thenAccept(r -> order.add("get"));
        assertEquals(List.of("ANSWER"), wire.written());
        wire.feed("200 result=0\n");
        assertEquals(List.of("GET VARIABLE A"), wire.written());
        wire.feed("200 result=1 (a)\n");
        assertEquals(List.of("STREAM FILE hello \"\""), wire.written());
        wire.feed("200 result=0 endpos=100\n");
        assertEquals(List.of("answer", "get", "stream"), order);
    }

    @Test
    void asteriskJavaCommandsUseTheirBuiltLine() {
        AgiSession session = wire.open();
        session.send(new GetVariableCommand("CALLERID(num)"));
        assertEquals(List.of("GET VARIABLE \"CALLERID(num)\""), wire.written());
    }

    @Test
    void hangupBetweenRepliesIsNotAReply() {
        AgiSession session = wire.open();
        AtomicInteger hangups = new AtomicInteger();
        session.onHangup(hangups::incrementAndGet);
        CompletableFuture<AgiReply> first = session.send("ANSWER");
        wire.feed("200 result=0\nHANGUP\n");
        assertTrue(first.join().isSuccess());
        assertTrue(session.isHungUp());
        assertEquals(1, hangups.get());

        CompletableFuture<AgiReply> after = session.send("STREAM FILE bye \"\"");
        assertEquals(List.of("ANSWER", "STREAM FILE bye \"\""), wire.written());
        wire.feed("511 Command Not Permitted on a dead channel or intercept routine\n");
        assertTrue(after.join().isDeadChannel());
    }

    @Test
    void hangupBeforeTheReplyLeavesTheCommandPending() {
        AgiSession session = wire.open();
        CompletableFuture<AgiReply> stream = session.send("STREAM FILE hello \"\"");
        wire.feed("HANGUP\n");
        assertTrue(session.isHungUp());
        assertFalse(stream.isDone());
        wire.feed("200 result=-1 endpos=1234\n");
        assertEquals(-1, stream.join().resultOr(0));
    }

    @Test
    void hangupListenerAddedAfterTheHangupRunsAtOnce() {
        AgiSession session = wire.open();
        wire.feed("HANGUP\nHANGUP\n");
        AtomicInteger hangups = new AtomicInteger();
        session.onHangup(hangups::incrementAndGet);
        assertEquals(1, hangups.get());
    }

    @Test
    void provisionalTryingDoesNotCompleteGosub() {
        AgiSession session = wire.open();
        CompletableFuture<AgiReply> gosub = session.send("GOSUB sub s 1");
        CompletableFuture<AgiReply> next = session.send("ANSWER");
        wire.written();
        wire.feed("100 result=0 Trying...\n");
        assertFalse(gosub.isDone());
        assertEquals(List.of(), wire.written());
        wire.feed("200 result=0 Gosub complete\n");
        assertTrue(gosub.join().isSuccess());
        assertEquals(List.of("ANSWER"), wire.written());
        assertFalse(next.isDone());
    }

    @Test
    void multiLineUsageCompletesOneCommand() {
        AgiSession session = wire.open();
        CompletableFuture<AgiReply> bad = session.send("STREAM FILE");
        CompletableFuture<AgiReply> next = session.send("ANSWER");
        wire.written();
        wire.feed("520-Invalid command syntax.  Proper usage follows:\n"
                + "Usage: STREAM FILE <filename> <escape digits> [sample offset]\n");
        assertFalse(bad.isDone());
        wire.feed("520 End of proper usage.\n");
        AgiReply reply = bad.join();
        assertTrue(reply.isUsageError());
        assertTrue(reply.usage().startsWith("Usage: STREAM FILE"));
        assertEquals(List.of("ANSWER"), wire.written());
        assertFalse(next.isDone());
    }

    @Test
    void channelClosedFailsEveryPendingCommand() {
        AgiSession session = wire.open();
        AtomicInteger closes = new AtomicInteger();
        session.onClose(closes::incrementAndGet);
        CompletableFuture<AgiReply> a = session.send("ANSWER");
        CompletableFuture<AgiReply> b = session.send("GET VARIABLE X");
        wire.channel.close();
        for (CompletableFuture<AgiReply> f : List.of(a, b)) {
            CompletionException e = assertThrows(CompletionException.class, f::join);
            assertInstanceOf(AgiSessionClosedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("1700000000.1"), e.getCause().getMessage());
        }
        assertEquals(1, closes.get());
        assertTrue(session.isClosed());
        CompletableFuture<AgiReply> late = session.send("ANSWER");
        assertInstanceOf(AgiSessionClosedException.class,
                assertThrows(CompletionException.class, late::join).getCause());
    }

    @Test
    void abortClosesTheChannelAndFitsExceptionally() {
        AgiSession session = wire.open();
        session.send("ANSWER")
                .thenAccept(r -> { throw new IllegalStateException("script bug"); })
                .exceptionally(session::abort);
        wire.feed("200 result=0\n");
        assertFalse(wire.channel.isOpen());
    }

    @Test
    void closeFromTheScriptClosesTheChannel() {
        AgiSession session = wire.open();
        session.close();
        assertFalse(wire.channel.isOpen());
    }

    @Test
    void commandLinesWithLineEndsAreRejected() {
        AgiSession session = wire.open();
        for (String bad : new String[] {"ANSWER\nHANGUP", "A\rB", "", "  "}) {
            CompletionException e = assertThrows(CompletionException.class, session.send(bad)::join);
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
        assertEquals(List.of(), wire.written());
    }

    @Test
    void unsolicitedReplyClosesTheChannel() {
        wire.open();
        wire.feed("200 result=0\n");
        assertFalse(wire.channel.isOpen());
    }

    @Test
    void idleWithNoPendingCommandCloses() {
        wire.open();
        wire.channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertFalse(wire.channel.isOpen());
    }

    @Test
    void idleWhileACommandIsPendingIsIgnored() {
        AgiSession session = wire.open();
        session.send("EXEC Dial PJSIP/agent1,30");
        wire.channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertTrue(wire.channel.isOpen());
    }

    @Test
    void missingEnvironmentTimesOut() {
        wire.feed("agi_request: agi://h/x\n");
        wire.advance(FastAgiOptions.DEFAULT_ENVIRONMENT_TIMEOUT.minusSeconds(1));
        assertTrue(wire.channel.isOpen());
        wire.advance(Duration.ofSeconds(2));
        assertFalse(wire.channel.isOpen());
    }

    @Test
    void completeEnvironmentCancelsTheTimeout() {
        wire.open();
        wire.advance(FastAgiOptions.DEFAULT_ENVIRONMENT_TIMEOUT.plusSeconds(1));
        assertTrue(wire.channel.isOpen());
    }

    @Test
    void decoderErrorClosesTheChannel() {
        wire.open();
        wire.feed("\u0000\u0001junk\n");
        assertFalse(wire.channel.isOpen());
    }
}
