package org.patientoutreach.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Crashes and restarts through the `outreach` launcher, which started the processes and knows their process groups,
 * ports and databases: {@code ./outreach kill NAME} is a kill -9, {@code ./outreach restart NAME} brings the process
 * back on the databases it had and returns once it is ready. Kept here rather than re-implemented so the crash run
 * does to the platform exactly what a developer would do by hand.
 */
final class Launcher {

    private final Path script;
    /** A lock file the Kafka restart takes first (Kafka is shared by everyone on the machine), or null. */
    private final String kafkaLock;

    Launcher(Path script, String kafkaLock) {
        this.script = script;
        this.kafkaLock = kafkaLock == null || kafkaLock.isBlank() ? null : kafkaLock;
    }

    /** The launcher given by {@code -Dchaos.launcher}, else the `outreach` script in this or a parent directory. */
    static Launcher find() {
        String configured = System.getProperty("chaos.launcher");
        String lock = System.getProperty("chaos.kafka-lock", System.getenv("OUTREACH_KAFKA_LOCK"));
        if (configured != null && !configured.isBlank()) {
            return new Launcher(Path.of(configured), lock);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("outreach")) && Files.isDirectory(dir.resolve("platform-tests"))) {
                return new Launcher(dir.resolve("outreach"), lock);
            }
        }
        throw new IllegalStateException("no outreach launcher found; run through ./outreach test or ./outreach chaos");
    }

    /** kill -9 of the process group; returns when the process is gone. */
    void kill(String name) {
        run(List.of(script.toString(), "kill", name));
    }

    /** Starts it again and waits until it is ready (Kafka: until the broker serves and the topics exist). */
    void restart(String name) {
        List<String> command = new ArrayList<>();
        if ("kafka".equals(name) && kafkaLock != null) {
            command.addAll(List.of("flock", kafkaLock));
        }
        command.addAll(List.of(script.toString(), "restart", name));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(line -> System.out.println("[launcher] " + line));
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
