package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmiMessageParserTest {

    private final List<AmiFrame> frames = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final AmiMessageParser.Sink sink = new AmiMessageParser.Sink() {
        @Override
        public void frame(AmiFrame frame) {
            frames.add(frame);
        }

        @Override
        public void skipped(String why, String line) {
            skipped.add(why + ": " + line);
        }
    };

    private void feed(AmiMessageParser parser, String... lines) {
        for (String l : lines) {
            parser.acceptLine(l, sink);
        }
    }

    @Test
    void bannerThenMessages() {
        feed(new AmiMessageParser(100, 10_000), "Asterisk Call Manager/11.0.0",
                "Response: Success", "ActionID: hl-1", "Message: Authentication accepted", "",
                "Event: FullyBooted", "Status: Fully Booted", "");

        assertEquals(new AmiBanner("Asterisk Call Manager/11.0.0"), frames.get(0));
        assertEquals("11.0.0", ((AmiBanner) frames.get(0)).version());
        assertEquals(AmiMessage.of("Response", "Success", "ActionID", "hl-1", "Message", "Authentication accepted"),
                frames.get(1));
        assertEquals("Fully Booted", ((AmiMessage) frames.get(2)).value("Status"));
        assertTrue(skipped.isEmpty());
    }

    @Test
    void valuesKeepColonsAndLoseLeadingSpace() {
        feed(new AmiMessageParser(100, 10_000), "Event: Newchannel", "Exten:  s", "CallerIDName: A: B", "Empty:", "");

        AmiMessage m = (AmiMessage) frames.get(0);
        assertEquals("s", m.value("Exten"));
        assertEquals("A: B", m.value("CallerIDName"));
        assertEquals("", m.value("Empty"));
    }

    @Test
    void malformedLineIsSkippedAndTheMessageKept() {
        feed(new AmiMessageParser(100, 10_000), "Event: Hangup", "garbage without colon", ": no key",
                "Channel: PJSIP/1001-00000001", "");

        assertEquals(AmiMessage.of("Event", "Hangup", "Channel", "PJSIP/1001-00000001"), frames.get(0));
        assertEquals(2, skipped.size());
    }

    @Test
    void extraBlankLinesAreIgnored() {
        feed(new AmiMessageParser(100, 10_000), "", "", "Event: A", "", "", "Event: B", "");

        assertEquals(2, frames.size());
    }

    @Test
    void responseFollowsCollectsRawOutput() {
        feed(new AmiMessageParser(100, 10_000), "Response: Follows", "Privilege: Command", "ActionID: hl-3",
                "Name/username             Host", "1001/1001   (Unspecified)  OK: 3 ms", "--END COMMAND--", "",
                "Event: Next", "");

        AmiMessage m = (AmiMessage) frames.get(0);
        assertEquals("hl-3", m.actionId());
        assertEquals(List.of("Name/username             Host", "1001/1001   (Unspecified)  OK: 3 ms"), m.values("Output"));
        assertEquals("Next", ((AmiMessage) frames.get(1)).eventName());
        assertTrue(skipped.isEmpty(), skipped.toString());
    }

    @Test
    void messageOverTheFieldCapIsDiscardedWholeAndTheNextOneRead() {
        AmiMessageParser parser = new AmiMessageParser(3, 10_000);
        feed(parser, "Event: Big", "A: 1", "B: 2", "C: 3", "D: 4", "");
        feed(parser, "Event: Small", "");

        assertEquals(List.of(AmiMessage.of("Event", "Small")), frames);
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).contains("over 3 fields"), skipped.get(0));
    }

    @Test
    void messageOverTheSizeCapIsDiscarded() {
        AmiMessageParser parser = new AmiMessageParser(100, 30);
        feed(parser, "Event: Big", "Value: " + "x".repeat(40), "More: 1", "");
        feed(parser, "Event: Small", "");

        assertEquals(List.of(AmiMessage.of("Event", "Small")), frames);
        assertEquals(1, skipped.size());
    }
}
