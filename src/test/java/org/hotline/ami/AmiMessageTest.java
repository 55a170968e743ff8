package org.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AmiMessageTest {

    private final AmiMessage event = AmiMessage.of("Event", "VarSet", "Channel", "PJSIP/1001-00000001",
            "ChanVariable", "A=1", "ChanVariable", "B=2");

    @Test
    void looksKeysUpIgnoringCase() {
        assertEquals("PJSIP/1001-00000001", event.value("channel"));
        assertEquals("VarSet", event.eventName());
        assertEquals(Optional.of("VarSet"), event.get("EVENT"));
        assertNull(event.value("Uniqueid"));
        assertEquals("fallback", event.valueOr("Uniqueid", "fallback"));
    }

    @Test
    void keepsRepeatedKeysInOrder() {
        assertEquals(List.of("A=1", "B=2"), event.values("chanvariable"));
        assertEquals("A=1", event.value("ChanVariable"));
        assertEquals("ChanVariable", event.fields().get(3).name());
        assertThrows(UnsupportedOperationException.class, () -> event.fields().add(new AmiField("X", "y")));
    }

    @Test
    void tellsEventsFromResponses() {
        AmiMessage ok = AmiMessage.of("Response", "Success", "ActionID", "hl-1");
        AmiMessage error = AmiMessage.of("Response", "Error", "Message", "Authentication failed");
        assertTrue(event.isEvent());
        assertFalse(event.isResponse());
        assertTrue(ok.isResponse() && ok.isSuccess());
        assertEquals("hl-1", ok.actionId());
        assertFalse(error.isSuccess());
    }

    @Test
    void hidesSecretsWhenPrinted() {
        String shown = AmiAction.of("Login").with("Username", "hotline").with("Secret", "s3cr3t").toString();
        assertFalse(shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("hotline"), shown);
        assertFalse(AmiMessage.of("Secret", "s3cr3t").toString().contains("s3cr3t"));
    }

    @Test
    void actionsRefuseLineBreaksAndReplaceTheirActionId() {
        assertThrows(IllegalArgumentException.class, () -> AmiAction.of("Originate").with("Channel", "a\r\nAction: Hangup"));
        assertThrows(IllegalArgumentException.class, () -> AmiAction.of("Bad Action\n"));
        AmiAction a = AmiAction.of("Ping").with("ActionID", "mine").withActionId("hl-7");
        assertEquals("hl-7", a.actionId());
        assertEquals(1, a.fields().size());
    }
}
