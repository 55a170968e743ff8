package org.hotline.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the tests through the real sandbox share: they fail (never skip) when it is not up, and
 * whatever a test started (Hotline, SIPp phones and callers, browsers) is stopped after it, newest
 * first, with every channel still up in Asterisk hung up: a SIPp stopped mid-call sends no BYE,
 * and its channels would keep an agent's phone in use for the next test.
 */
abstract class SandboxTest {

    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void sandboxIsUp() {
        Sandbox.requireUp();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
        Sandbox.asterisk("channel request hangup all");
    }

    /** Stops {@code part} after the test. */
    <T extends AutoCloseable> T keep(T part) {
        running.add(part);
        return part;
    }
}
