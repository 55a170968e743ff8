package org.hotline.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A SIPp process in the sandbox: an agent's phone (UAS) or a caller (UAC). */
final class Sipp implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private Sipp(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Agent {@code 100N}'s phone on 127.0.0.1:600N. {@code scenario} is {@code agent.xml} (answers
     * after {@code ringMillis}), {@code agent-no-answer.xml} or {@code agent-busy.xml}.
     */
    static Sipp agent(int n, String scenario, long ringMillis) {
        int sipPort = 6000 + n;
        awaitFree(sipPort);
        List<String> args = new ArrayList<>(List.of("-sf", scenario(scenario), "-i", "127.0.0.1",
                "-p", String.valueOf(sipPort), "-mp", String.valueOf(20000 + n * 1000),
                "-max_rtp_port", String.valueOf(20999 + n * 1000),
                "-nostdin"));
        if (scenario.equals("agent.xml")) {
            args.addAll(List.of("-set", "ring_ms", String.valueOf(ringMillis)));
        }
        Sipp sipp = start("agent-100" + n, args);
        sipp.awaitBound(sipPort);
        return sipp;
    }

    /**
     * Agent {@code 100N}'s phone ({@code agent.xml}) answering after {@code ringMillis} and hanging
     * up itself {@code talkMillis} into each call: the agent ends the conversation, not the caller.
     */
    static Sipp agentHangingUp(int n, long ringMillis, long talkMillis) {
        int sipPort = 6000 + n;
        awaitFree(sipPort);
        Sipp sipp = start("agent-100" + n, List.of("-sf", scenario("agent.xml"), "-i", "127.0.0.1",
                "-p", String.valueOf(sipPort), "-mp", String.valueOf(20000 + n * 1000),
                "-max_rtp_port", String.valueOf(20999 + n * 1000), "-nostdin",
                "-set", "ring_ms", String.valueOf(ringMillis), "-set", "talk_ms", String.valueOf(talkMillis)));
        sipp.awaitBound(sipPort);
        return sipp;
    }

    /**
     * The "PSTN" phone on 127.0.0.1:5080 ({@code pstn.xml}): answers every call Asterisk sends out
     * (any number) after {@code ringMillis}, and hangs up itself {@code talkMillis} into it.
     */
    static Sipp pstn(long ringMillis, long talkMillis) {
        awaitFree(5080);
        Sipp sipp = start("pstn", List.of("-sf", scenario("pstn.xml"), "-i", "127.0.0.1", "-p", "5080",
                "-mp", "50000", "-max_rtp_port", "50999", "-nostdin",
                "-set", "ring_ms", String.valueOf(ringMillis), "-set", "talk_ms", String.valueOf(talkMillis)));
        sipp.awaitBound(5080);
        return sipp;
    }

    /**
     * {@code count} callers numbered {@code prefix1}, {@code prefix2}, ..., one every
     * {@code spacingMillis}, each holding {@code holdMillis} after the hotline answers, then hanging up.
     */
    static Sipp callers(String scenario, String prefix, int count, long holdMillis, long spacingMillis) {
        awaitFree(5070);
        double ratePerSecond = 1000.0 / Math.max(1, spacingMillis);
        List<String> args = new ArrayList<>(List.of("-sf", scenario(scenario), "-i", "127.0.0.1", "-p", "5070",
                "-mp", "30000", "-max_rtp_port", "30999", "-s", "5000", "-m", String.valueOf(count), "-l", String.valueOf(count),
                "-r", String.format(java.util.Locale.ROOT, "%.3f", ratePerSecond), "-rp", "1000",
                "-set", "caller", prefix,
                "-set", "hold_ms", String.valueOf(holdMillis), "-nostdin", "127.0.0.1:5060"));
        return start("callers-" + prefix, args);
    }

    /** The number of the {@code index}-th (0-based) caller of {@link #callers}. */
    static String callerNumber(String prefix, int index) {
        return prefix + (index + 1);
    }

    private static String scenario(String file) {
        return Sandbox.SCENARIOS.resolve(file).toString();
    }

    private static Sipp start(String name, List<String> sippArgs) {
        List<String> command = new ArrayList<>();
        command.add(Sandbox.SCRIPT.toString());
        command.add("sipp");
        command.addAll(sippArgs);
        try {
            Path log = Files.createTempFile("sipp-" + name, ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Sipp(name, p, log);
        } catch (IOException e) {
            throw new AssertionError("cannot start SIPp " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the process to end and fails the test unless SIPp reports every call successful. */
    void awaitSuccess(Duration timeout) {
        awaitSuccess(process, name, timeout, this::output);
    }

    /** Waits for a SIPp run to end and fails the test unless it exited 0 (every call successful). */
    static void awaitSuccess(Process process, String name, Duration timeout, java.util.function.Supplier<String> output) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("SIPp " + name + " did not finish within " + timeout + ":\n" + output.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (process.exitValue() != 0) {
            fail("SIPp " + name + " exited " + process.exitValue() + ":\n" + output.get());
        }
    }

    /** Ends a SIPp run: politely, then by force after 5 s. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    boolean isRunning() {
        return process.isAlive();
    }

    String output() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** The previous test's phone (or caller) on this port may still be shutting down. */
    static void awaitFree(int port) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            try (DatagramSocket probe = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return;
            } catch (SocketException taken) {
                Poll.pause(Duration.ofMillis(100));
            }
        }
        fail("127.0.0.1:" + port + " stays taken: another SIPp still runs there");
    }

    /** A UAS is ready once its UDP port is taken. */
    private void awaitBound(int port) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("SIPp " + name + " exited early:\n" + output());
            }
            try (DatagramSocket probe = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                probe.close();
                Poll.pause(Duration.ofMillis(50));
            } catch (SocketException bound) {
                return;
            }
        }
        fail("SIPp " + name + " did not bind 127.0.0.1:" + port + ":\n" + output());
    }

    @Override
    public void close() {
        try {
            stop(process);
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
