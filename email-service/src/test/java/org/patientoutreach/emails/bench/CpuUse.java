package org.patientoutreach.emails.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the machine's CPU went during a benchmark phase: this JVM (the service under test, its JIT and the
 * benchmark's own threads: its Kafka clients and the test's thread), the benchmark's SMTP server, PostgreSQL, the
 * Kafka broker, and everything else (the OS, the registry, the machine's other daemons). Linux only: the machine's
 * total comes from {@code /proc/stat}. PostgreSQL is the sum over its processes alive at both ends of a phase: the
 * service's pooled connections are.
 */
final class CpuUse {

    /** Clock ticks per second of {@code /proc/stat}: USER_HZ, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** Names of the benchmark's own threads start with this (its Kafka producer's network thread contains it). */
    static final String BENCH_THREADS = "bench-";

    private final ProcessHandle smtpServer;

    private CpuUse(ProcessHandle smtpServer) {
        this.smtpServer = smtpServer;
    }

    /** Watches the process whose command line names {@code smtpPortProperty} (the benchmark's GreenMail). */
    static CpuUse watching(String smtpPortProperty) {
        return new CpuUse(ProcessHandle.allProcesses()
                .filter(p -> runsWith(p, smtpPortProperty))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process runs with " + smtpPortProperty)));
    }

    record Snapshot(long nanos, double machineBusySeconds, double jvmSeconds, double jitSeconds,
            Map<Long, Double> bench, double smtpSeconds, Map<Long, Double> postgres, double kafkaSeconds) {
    }

    /**
     * CPU seconds of a phase: the machine's busy time, this JVM's (and the parts of it its JIT compilers and the
     * benchmark's own threads took), the SMTP server's, PostgreSQL's and Kafka's.
     */
    record Phase(double seconds, double machineBusy, double jvm, double jit, double bench, double smtp,
            double postgres, double kafka) {

        double other() {
            return machineBusy - jvm - smtp - postgres - kafka;
        }

        /** Two phases as one, for a baseline measured in two parts. */
        Phase plus(Phase other) {
            return new Phase(seconds + other.seconds, machineBusy + other.machineBusy, jvm + other.jvm,
                    jit + other.jit, bench + other.bench, smtp + other.smtp, postgres + other.postgres,
                    kafka + other.kafka);
        }

        /** Cores busy on average. */
        double cores() {
            return machineBusy / seconds;
        }
    }

    Snapshot snapshot() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        Map<Long, Double> postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .collect(Collectors.toMap(ProcessHandle::pid, CpuUse::seconds));
        double kafka = ProcessHandle.allProcesses()
                .filter(p -> runsWith(p, "kafka.Kafka"))
                .mapToDouble(CpuUse::seconds).sum();
        return new Snapshot(System.nanoTime(), machineBusySeconds(), jvm, jitSeconds(), benchThreadSeconds(),
                seconds(smtpServer), postgres, kafka);
    }

    static Phase between(Snapshot before, Snapshot after) {
        return new Phase((after.nanos() - before.nanos()) / 1e9,
                after.machineBusySeconds() - before.machineBusySeconds(), after.jvmSeconds() - before.jvmSeconds(),
                after.jitSeconds() - before.jitSeconds(), grown(before.bench(), after.bench()),
                after.smtpSeconds() - before.smtpSeconds(), grown(before.postgres(), after.postgres()),
                after.kafkaSeconds() - before.kafkaSeconds());
    }

    /** CPU seconds gained by the processes or threads alive at both ends. */
    private static double grown(Map<Long, Double> before, Map<Long, Double> after) {
        return after.entrySet().stream().filter(e -> before.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() - before.get(e.getKey())).sum();
    }

    /**
     * CPU seconds of the benchmark's own threads by thread id: the calling thread (the test's, which produces the
     * requests) and those named {@link #BENCH_THREADS}, so the table can tell the service's JVM time from the
     * benchmark's.
     */
    private static Map<Long, Double> benchThreadSeconds() {
        var threads = ManagementFactory.getThreadMXBean();
        Thread self = Thread.currentThread();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == self || t.getName().startsWith(BENCH_THREADS)
                        || t.getName().contains("| " + BENCH_THREADS))
                .collect(Collectors.toMap(Thread::getId,
                        t -> Math.max(0, threads.getThreadCpuTime(t.getId())) / 1e9));
    }

    /** Whether one of the process's arguments is {@code argument}; from /proc, as ProcessHandle cuts long lines. */
    private static boolean runsWith(ProcessHandle process, String argument) {
        try {
            return Arrays.asList(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))
                    .split("\0")).contains(argument);
        } catch (IOException | UncheckedIOException gone) {
            return false; // ended, or not ours to read
        }
    }

    private static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }

    /**
     * CPU seconds of this JVM's JIT compiler threads (named "C1 CompilerThread..." and "C2 CompilerThread..."), from
     * /proc/self/task: whether a "warm" phase still pays for compiling, which ThreadMXBean cannot say (it does not list
     * them). Fields 14 and 15 of a task's stat, after the parenthesized name, are its user and system ticks.
     */
    private static double jitSeconds() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue; // the kernel keeps 15 characters of a thread's name
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | UncheckedIOException ended) {
                    // a compiler thread that ended between the listing and the read: the JVM adds and removes them
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task", e);
        }
        return ticks / TICKS_PER_SECOND;
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
