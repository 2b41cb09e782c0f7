package org.patientoutreach.emails.bench;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.patientoutreach.testing.GreenMailClient;

/**
 * A GreenMail SMTP server of the benchmark's own (port {@value #SMTP_PORT}): 100k emails would not fit into the shared
 * development server's heap, and other engineers' tests read that one. It keeps every message until a purge, so its
 * heap ({@code bench.greenmail.heap}, 1g) bounds a phase: with 1g its old generation stood at 85 to 90% late in a 100k
 * phase, and a warm-up of 200k timed the service's SMTP reads out; 4g holds 200k (BENCHMARK.md, fifteenth round).
 */
public class BenchSmtpServer implements QuarkusTestResourceLifecycleManager {

    static final int SMTP_PORT = 3125;
    static final int API_PORT = 8125;
    private Process process;

    @Override
    public Map<String, String> start() {
        String jar = System.getProperty("bench.greenmail.jar", "../.outreach/lib/greenmail.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("GreenMail jar not found at " + jar + " (set -Dbench.greenmail.jar)");
        }
        // The test JVM's Java unless told otherwise: a round that moves the service to another Java keeps the server's.
        String javaHome = System.getProperty("bench.greenmail.java-home", System.getProperty("java.home"));
        try {
            process = new ProcessBuilder(javaHome + "/bin/java",
                    "-Xmx" + System.getProperty("bench.greenmail.heap", "1g"),
                    "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + SMTP_PORT,
                    "-Dgreenmail.auth.disabled", "-Dgreenmail.hostname=127.0.0.1",
                    "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + API_PORT, "-jar", jar)
                    .redirectErrorStream(true).redirectOutput(new File("target/bench-greenmail.log")).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the benchmark's GreenMail", e);
        }
        awaitPort(SMTP_PORT, Duration.ofSeconds(60));
        return Map.of("quarkus.mailer.port", String.valueOf(SMTP_PORT));
    }

    /** The server's HTTP API: its mailboxes, and emptying them between a benchmark's phases. */
    static GreenMailClient api() {
        return new GreenMailClient("http://127.0.0.1:" + API_PORT);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    private static void awaitPort(int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("the benchmark's GreenMail did not open port " + port);
    }
}
