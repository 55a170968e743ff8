package org.hotline.agi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server on an ephemeral loopback port, driven by plain blocking sockets. */
class FastAgiServerTest {

    private FastAgiServer server;
    private int port;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** ANSWER, GET VARIABLE, then reports the value with VERBOSE and closes. */
    private final AgiScript conversation = session -> {
        session.onClose(closed::countDown);
        session.send("ANSWER")
                .thenCompose(r -> session.send("GET VARIABLE CALLER_LANG"))
                .thenCompose(r -> session.send("VERBOSE \"lang " + r.data() + "\" 1"))
                .thenRun(session::close);
    };

    @BeforeEach
    void start() throws InterruptedException {
        FastAgiOptions options = FastAgiOptions.builder().port(0).maxLineLength(256)
                .maxEnvironmentLines(50).maxEnvironmentBytes(4096).workerThreads(2)
                .shutdownTimeout(Duration.ofSeconds(1)).build();
        AgiScriptResolver byName = AgiScriptResolver.byName(Map.of(
                "hotline", conversation,
                "broken", session -> { throw new IllegalStateException("script bug"); }));
        server = new FastAgiServer(options, byName);
        port = server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop();
    }

    /** A simulated Asterisk: one blocking socket with a 5 s read timeout. */
    private final class Peer implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Peer() throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void environment(String script) throws IOException {
            send("agi_network: yes\nagi_network_script: " + script + "\nagi_uniqueid: 42.1\n\n");
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        /** True once the server closed: end of stream (or a reset after unread input). */
        boolean closedByServer() throws IOException {
            try {
                return in.read() == -1;
            } catch (SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void servesAConversationAndClosesWhenTheScriptIsDone() throws Exception {
        try (Peer peer = new Peer()) {
            peer.environment("hotline?x=1");
            assertEquals("ANSWER", peer.readLine());
            assertEquals(1, server.activeSessions());
            peer.send("200 result=0\n");
            assertEquals("GET VARIABLE CALLER_LANG", peer.readLine());
            peer.send("HANGUP\n200 result=1 (en (US))\n");
            assertEquals("VERBOSE \"lang en (US)\" 1", peer.readLine());
            peer.send("200 result=1\n");
            assertTrue(peer.closedByServer());
        }
        assertTrue(closed.await(5, TimeUnit.SECONDS));
        assertEquals(0, server.activeSessions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlong", "hugeEnvironment", "binary", "http"})
    void malformedPeerIsClosedAndAConcurrentSessionIsUnharmed(String kind) throws Exception {
        try (Peer good = new Peer(); Peer bad = new Peer()) {
            good.environment("hotline");
            assertEquals("ANSWER", good.readLine());

            switch (kind) {
                case "overlong" -> bad.send("agi_request: " + "x".repeat(10_000) + "\n");
                case "hugeEnvironment" -> bad.send("agi_v: 12345678901234567890\n".repeat(200));
                case "binary" -> bad.send("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\n");
                case "http" -> bad.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                default -> throw new IllegalArgumentException(kind);
            }
            assertTrue(bad.closedByServer(), kind);

            good.send("200 result=0\n");
            assertEquals("GET VARIABLE CALLER_LANG", good.readLine());
            good.send("200 result=1 (fr)\n");
            assertEquals("VERBOSE \"lang fr\" 1", good.readLine());
            good.send("200 result=1\n");
            assertTrue(good.closedByServer());
        }
    }

    @Test
    void unknownScriptIsClosedWithoutAnyCommand() throws Exception {
        try (Peer peer = new Peer()) {
            peer.environment("nosuchscript");
            assertNull(peer.readLine());
        }
    }

    @Test
    void failingScriptIsClosed() throws Exception {
        try (Peer peer = new Peer()) {
            peer.environment("broken");
            assertNull(peer.readLine());
        }
    }

    @Test
    void stopClosesRunningSessionsAfterTheGracePeriod() throws Exception {
        try (Peer peer = new Peer()) {
            peer.environment("hotline");
            assertEquals("ANSWER", peer.readLine());
            server.stop();
            assertTrue(peer.closedByServer());
            assertTrue(closed.await(5, TimeUnit.SECONDS));
            assertEquals(-1, server.port());
        }
    }

    @Test
    void resolverSeesTheParsedEnvironment() throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        String[] arguments = new String[1];
        FastAgiServer other = new FastAgiServer(FastAgiOptions.builder().port(0).build(), env -> {
            arguments[0] = env.scriptName() + " " + env.arguments();
            seen.countDown();
            return Optional.empty();
        });
        int otherPort = other.start();
        try (Socket s = new Socket("127.0.0.1", otherPort)) {
            s.getOutputStream().write("agi_request: agi://127.0.0.1/ivr?a=b\r\nagi_arg_1: one\r\nagi_arg_2: two\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(seen.await(5, TimeUnit.SECONDS));
            assertEquals("ivr [one, two]", arguments[0]);
        } finally {
            other.stop();
        }
    }
}
