package org.patientoutreach.emails.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Where the machine's CPU went during a benchmark phase: this JVM (the service under test, its JIT and the
 * benchmark's own Kafka producer), the benchmark's SMTP server, and everything else (PostgreSQL, Kafka, the OS).
 * Linux only: the machine's total comes from {@code /proc/stat}.
 */
final class CpuUse {

    /** Clock ticks per second of {@code /proc/stat}: USER_HZ, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final ProcessHandle smtpServer;

    private CpuUse(ProcessHandle smtpServer) {
        this.smtpServer = smtpServer;
    }

    /** Watches the process whose command line names {@code smtpPortProperty} (the benchmark's GreenMail). */
    static CpuUse watching(String smtpPortProperty) {
        return new CpuUse(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(smtpPortProperty)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process runs with " + smtpPortProperty)));
    }

    record Snapshot(long nanos, double machineBusySeconds, double jvmSeconds, double smtpSeconds) {
    }

    /** CPU seconds of a phase: the machine's busy time, this JVM's and the SMTP server's. */
    record Phase(double seconds, double machineBusy, double jvm, double smtp) {

        double other() {
            return machineBusy - jvm - smtp;
        }

        /** Cores busy on average. */
        double cores() {
            return machineBusy / seconds;
        }
    }

    Snapshot snapshot() {
        double smtp = smtpServer.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Snapshot(System.nanoTime(), machineBusySeconds(), jvm, smtp);
    }

    static Phase between(Snapshot before, Snapshot after) {
        return new Phase((after.nanos() - before.nanos()) / 1e9, after.machineBusySeconds() - before.machineBusySeconds(),
                after.jvmSeconds() - before.jvmSeconds(), after.smtpSeconds() - before.smtpSeconds());
    }

    /** user + nice + system + irq + softirq of all cores (not steal: another guest's), from /proc/stat's first line. */
    private static double machineBusySeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] { 1, 2, 3, 6, 7 }) {
                busy += Long.parseLong(cpu[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }
}
