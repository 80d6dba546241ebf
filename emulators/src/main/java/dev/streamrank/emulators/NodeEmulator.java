package dev.streamrank.emulators;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One emulator running as a Node.js child process on a loopback port. */
final class NodeEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeEmulator.class);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private NodeEmulator(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code node <arguments>} in {@code workingDirectory} and waits until the port accepts
     * connections.
     */
    static NodeEmulator start(String name, Path workingDirectory, List<String> arguments, Map<String, String> env,
            int port, Path logDirectory, Duration timeout) {
        Path log = logDirectory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(concat("node", arguments))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmulatorException("could not start " + name + " with node: " + e.getMessage()
                    + "; install Node.js 18+ and make sure node is on PATH", e);
        }

        NodeEmulator emulator = new NodeEmulator(name, process, port, log);
        emulator.awaitPort(timeout);
        LOG.info("{} listening on 127.0.0.1:{} (pid {}, log {})", name, port, process.pid(), log);
        return emulator;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    private void awaitPort(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmulatorException(name + " exited with code " + process.exitValue()
                        + " before listening on port " + port + "; its output: " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new EmulatorException(name + " did not listen on port " + port + " within " + timeout.toSeconds()
                + " s; its output: " + tail(log));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Returns a loopback port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmulatorException("no free loopback port: " + e.getMessage(), e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("interrupted while waiting for an emulator", e);
        }
    }
}
