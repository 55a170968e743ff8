package org.hotline.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One SIPp run inside the sandbox, started through {@code scripts/sandbox sipp} as the demo and the
 * tests start theirs: an agent's phone (UAS) or the callers (UAC). The wrapper runs in
 * {@code workDir}, so SIPp's own files (the statistics CSV) are handed back there when it ends.
 */
final class SandboxBenchSipp implements AutoCloseable {

    private final String name;
    private final Process wrapper;
    private final Path log;
    private final Path workDir;

    private SandboxBenchSipp(String name, Process wrapper, Path log, Path workDir) {
        this.name = name;
        this.wrapper = wrapper;
        this.log = log;
        this.workDir = workDir;
    }

    static SandboxBenchSipp start(Path sandboxScript, String name, List<String> sippArgs, Path workDir)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(sandboxScript.toString(), "sipp"));
        command.addAll(sippArgs);
        command.add("-nostdin");
        Path log = workDir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SandboxBenchSipp(name, p, log, workDir);
    }

    /** True when some socket holds UDP {@code port} on the loopback address. */
    static boolean udpTaken(int port) {
        try (DatagramSocket probe = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (SocketException taken) {
            return true;
        }
    }

    /** A UAS is ready once SIPp holds its SIP port; fails with SIPp's own words if it exits first. */
    void awaitBound(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!udpTaken(port)) {
            if (!wrapper.isAlive()) {
                throw new IllegalStateException("SIPp " + name + " exited during start-up:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("SIPp " + name + " did not bind 127.0.0.1:" + port + " within "
                        + timeoutMillis + " ms; its log: " + log);
            }
            Thread.sleep(100); // waiting for a process to start, not a measurement
        }
    }

    boolean isAlive() {
        return wrapper.isAlive();
    }

    boolean waitFor(long millis) throws InterruptedException {
        return wrapper.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return wrapper.exitValue();
    }

    /** The SIPp process itself (the wrapper execs chroot, sh and sipp in one child), if it runs. */
    long sippPid() {
        return wrapper.descendants()
                .filter(h -> "sipp".equals(comm(h.pid())))
                .mapToLong(ProcessHandle::pid)
                .findFirst().orElse(-1);
    }

    /**
     * The newest line of SIPp's statistics CSV ({@code -trace_stat -stf FILE}), by column name. While
     * SIPp runs the file is in its run directory inside the root, which {@code /proc/<pid>/cwd}
     * reaches from here; after the run the wrapper has copied it into {@code workDir}.
     */
    Map<String, String> stats(String file) {
        long pid = sippPid();
        Path live = pid > 0 ? Path.of("/proc/" + pid + "/cwd/" + file) : null;
        Path path = live != null && Files.isReadable(live) ? live : workDir.resolve(file);
        Map<String, String> row = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(path);
            if (lines.size() >= 2) {
                String[] head = lines.get(0).split(";");
                String[] last = lines.get(lines.size() - 1).split(";");
                for (int i = 0; i < head.length && i < last.length; i++) {
                    row.put(head[i], last[i]);
                }
            }
        } catch (IOException | RuntimeException notYet) {
            // SIPp writes the file at its first statistics period; until then there is nothing
        }
        return row;
    }

    String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** SIGTERM to the wrapper, whose trap stops SIPp and removes its run directory; SIGKILL after 5 s. */
    @Override
    public void close() throws InterruptedException {
        if (wrapper.isAlive()) {
            wrapper.destroy();
            if (!wrapper.waitFor(5, TimeUnit.SECONDS)) {
                // the wrapper started SIPp with --pdeathsig KILL: it does not outlive the wrapper
                wrapper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
