package org.patientoutreach.emails.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.emails.TestData.readyEmail;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.metrics.EmailMetrics;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendStatus;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.testing.BenchResults;
import org.patientoutreach.testing.KafkaTestClient;
import org.patientoutreach.testing.RawSmtpLoop;

/**
 * Send requests through the whole service (Kafka in, PostgreSQL queue, rendering with signed links, SMTP, SENT with
 * its outbox event) next to a raw SMTP loop into the same server, in the same run. The service is measured twice: from
 * a cold start ({@code bench.warm-up} requests) and then warm ({@code bench.size} requests), as a campaign meets a
 * service that has been running; the raw loop runs right before and right after the warm phase. Not a surefire
 * test; run it with {@code ./mvnw -B -q -pl email-service test -Dtest=SendThroughputBenchmark -Dbench.size=5000}
 * (see README).
 */
@QuarkusTest
@TestProfile(SendThroughputBenchmark.Bench.class)
class SendThroughputBenchmark {

    private static final int SIZE = Integer.getInteger("bench.size", 5_000);
    private static final int PATIENTS = Integer.getInteger("bench.patients", 500);
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final String TOPIC = "emails.send-requested.bench";
    /** Requests sent from a cold start before the measured ones: reported, but apart (the JIT's share is large). */
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", Math.max(1_000, SIZE / 5));
    /** Seconds between the benchmark's stand-in for autovacuum (0: none); see {@link Autovacuum}. */
    private static final int VACUUM_EVERY = Integer.getInteger("bench.vacuum-every", 15);
    /**
     * Whether a phase's requests are all on Kafka before its clock starts (the service's intake paused meanwhile), as a
     * campaign's backlog meets the service, and as the raw loop's messages are ready before its clock starts. With
     * false, the benchmark produces them while the service sends, on the same two cores (the method until the
     * twelfth round).
     */
    private static final boolean BACKLOG = Boolean.parseBoolean(System.getProperty("bench.backlog", "true"));
    private static final String CHANNEL = "send-requests";

    @Inject
    DataSource dataSource;

    @Inject
    ChannelRegistry channels;

    @Inject
    EmailMetrics metrics;

    /** Its own SMTP server, and the service's SMTP concurrency as the benchmark asks. */
    public static class Bench implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(ownChannel(CHANNEL, TOPIC));
            overrides.put("emails.smtp-threads", String.valueOf(THREADS));
            return overrides;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BenchSmtpServer.class));
        }
    }

    @Test
    void sendsThroughTheServiceNextToARawSmtpLoop() throws Exception {
        String run = uniqueId().substring(0, 8);
        String emailId = readyEmail("Your eye health check, {{patient.firstName ?: 'there'}}", """
                <html><body><h1>Hello {{patient.firstName ?: 'there'}} {{patient.lastName}},</h1>
                <p>It is time for your yearly eye exam. Early checks find glaucoma and diabetic retinopathy before
                they harm your sight. Book a visit with your care team at a time that suits you.</p>
                <p><a href="https://clinic.example/book?utm_source=email">Book your exam</a></p>
                <p><a href="https://clinic.example/eye-health">Read about eye health</a></p>
                </body></html>""", "Hello {{patient.firstName ?: 'there'}}, time for your yearly eye exam.");
        List<String> addresses = contacts(run);
        int rawSize = Integer.getInteger("bench.raw-size", SIZE);
        int rawWarmUp = Integer.getInteger("bench.raw-warm-up", rawSize);
        CpuUse cpu = CpuUse.watching("-Dgreenmail.smtp.port=" + BenchSmtpServer.SMTP_PORT);
        ServiceRun cold;
        ServiceRun warm;
        RawRun rawBefore;
        String sample;
        try (KafkaProducer<String, EmailSendRequested> producer = producer("requests");
                SentEvents sent = new SentEvents();
                Autovacuum vacuum = Autovacuum.every(dataSource, VACUUM_EVERY)) {
            warmUp(producer, emailId, run);
            cold = throughService(producer, sent, emailId, run, "cold", WARM_UP, cpu);
            sample = firstMessage(addresses.get(0));
            // Every measured phase starts against an empty server: a GreenMail holding 100k messages works harder.
            BenchSmtpServer.api().purge();
            // Unmeasured: the first raw loop after the cold phase ran slower than the one after the warm phase, the JIT
            // and GreenMail still busy with it; one loop before makes the two agree (BENCHMARK.md, fifteenth round).
            if (rawWarmUp > 0) {
                rawLoop(rawWarmUp, THREADS, addresses, sample, cpu);
                BenchSmtpServer.api().purge();
            }
            rawBefore = rawLoop(rawSize, THREADS, addresses, sample, cpu);
            BenchSmtpServer.api().purge();
            warm = throughService(producer, sent, emailId, run, "warm", SIZE, cpu);
        }
        BenchSmtpServer.api().purge();
        RawRun rawAfter = rawLoop(rawSize, THREADS, addresses, sample, cpu);
        RawRun rawOne = rawLoop(Math.min(rawSize, 2_000), 1, addresses, sample, cpu);

        // The machine's speed drifts within a run (one day's machine: a raw loop of 1,304 emails/s before the warm
        // phase, 1,625 after it): the baseline is the two raw loops taken together.
        RawRun raw8 = rawBefore.and(rawAfter);
        double raw = rate(raw8.emails(), raw8.nanos());
        List<Row> rows = List.of(
                new Row("service from a cold start: the first " + WARM_UP + " requests", WARM_UP, cold.nanos()),
                new Row("service, warm: Kafka request -> queue -> SMTP -> SENT event on Kafka", SIZE, warm.nanos()),
                new Row("service, warm: second half of those sends", warm.secondHalfSends(), warm.secondHalfNanos()),
                new Row("raw SMTP loop, " + THREADS + " connections, before the warm phase", rawSize,
                        rawBefore.nanos()),
                new Row("raw SMTP loop, " + THREADS + " connections, after the warm phase", rawSize,
                        rawAfter.nanos()),
                new Row("raw SMTP loop, " + THREADS + " connections, both (baseline)", raw8.emails(), raw8.nanos()),
                new Row("raw SMTP loop, 1 connection", rawOne.emails(), rawOne.nanos()));
        System.out.printf("%n| email-service benchmark (%d requests after %d to warm up, %d patients, %d SMTP "
                + "threads, %d-byte message) | emails | seconds | emails/s | ratio to raw loop |%n", SIZE, WARM_UP,
                PATIENTS, THREADS, sample.length());
        System.out.println("|---|---:|---:|---:|---:|");
        rows.forEach(row -> System.out.println("| " + String.join(" | ", row.cells(raw)) + " |"));
        System.out.println();
        System.out.printf("requests %s%n", BACKLOG ? "on Kafka before each service phase's clock starts (bench.backlog)"
                : "produced while the service sends (bench.backlog=false)");
        System.out.println("| CPU ms per email | this JVM (service, its JIT, the benchmark's own threads) | of which JIT "
                + "compilers | of which the benchmark's own threads | SMTP server | PostgreSQL | Kafka broker "
                + "| everything else (OS, registry, other daemons) | cores busy |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        cpuRow("service from a cold start", cold.cpu(), WARM_UP);
        cpuRow("service, warm", warm.cpu(), SIZE);
        cpuRow("raw SMTP loop, " + THREADS + " connections, before the warm phase", rawBefore.cpu(), rawSize);
        cpuRow("raw SMTP loop, " + THREADS + " connections, after the warm phase", rawAfter.cpu(), rawSize);
        cpuRow("raw SMTP loop, " + THREADS + " connections (both)", raw8.cpu(), raw8.emails());
        System.out.println();
        System.out.println("| SMTP workers' waits for room in the crash window (outreach_emails_hand_over_waits_total) "
                + "| cold | warm |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| waits | %d | %d |%n%n", cold.handOverWaits(), warm.handOverWaits());
        BenchResults.write(BenchResults.of("email-service", "send-throughput",
                "Send throughput: the service against a raw SMTP loop",
                String.format("bench.size=%d after bench.warm-up=%d, bench.patients=%d, %d SMTP threads, %d-byte "
                        + "message, the SMTP server emptied before each measured phase, %s", SIZE, WARM_UP, PATIENTS,
                        THREADS, sample.length(), BACKLOG ? "a phase's requests on Kafka before its clock starts"
                                : "requests produced during each phase"),
                "raw SMTP loop over " + THREADS + " connections into the same server, right before and right after "
                        + "the warm phase, taken together (ratio)",
                List.of("path", "emails", "seconds", "emails/s", "ratio to raw loop"),
                rows.stream().map(row -> row.cells(raw)).toList())
                .withCharts(BenchResults.chart("Emails per second: service against raw SMTP loops", "path", null,
                        false, "emails/s")));
    }

    /** One measured phase as the table shows it. */
    private record Row(String what, int emails, long nanos) {

        List<String> cells(double baseline) {
            double rate = rate(emails, nanos);
            return List.of(what, String.valueOf(emails), String.format("%.2f", nanos / 1e9),
                    String.format("%.0f", rate), String.format("%.2f", rate / baseline));
        }
    }

    /** A raw SMTP loop: how many emails, its elapsed nanoseconds and where the CPU went. */
    private record RawRun(int emails, long nanos, CpuUse.Phase cpu) {

        RawRun and(RawRun other) {
            return new RawRun(emails + other.emails, nanos + other.nanos, cpu.plus(other.cpu));
        }
    }

    /** The same bytes as the service's first email, over kept-alive connections, nothing else. */
    private static RawRun rawLoop(int count, int threads, List<String> addresses, String sample, CpuUse cpu)
            throws Exception {
        CpuUse.Snapshot before = cpu.snapshot();
        long nanos = RawSmtpLoop.run("127.0.0.1", BenchSmtpServer.SMTP_PORT, count, threads,
                "care-team@patientoutreach.local", addresses, sample);
        return new RawRun(count, nanos, CpuUse.between(before, cpu.snapshot()));
    }

    /**
     * A service phase: its elapsed nanoseconds, those of its second half with how many sends that held (the first
     * half also pays for the intake of every request competing with sending), where the CPU went, and how often an
     * SMTP worker waited for room in the crash window.
     */
    private record ServiceRun(long nanos, long secondHalfNanos, int secondHalfSends, CpuUse.Phase cpu,
            long handOverWaits) {
    }

    /**
     * A benchmark's incoming channel on a topic and group of its own, so the tests' consumer group never meets
     * thousands of benchmark records, and pausable, so the benchmark can hold the intake while it fills the topic.
     */
    static Map<String, String> ownChannel(String channel, String topic) {
        String prefix = "mp.messaging.incoming." + channel;
        return Map.of(prefix + ".topic", topic, prefix + ".group.id", "email-service-bench",
                prefix + ".pausable", "true");
    }

    /** A producer of Avro values through the registry; its threads named as the benchmark's own ({@link CpuUse}). */
    static <V> KafkaProducer<String, V> producer(String name) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, CpuUse.BENCH_THREADS + name,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "io.apicurio.registry.serde.avro.AvroKafkaSerializer",
                "apicurio.registry.url", KafkaTestClient.REGISTRY,
                "apicurio.registry.auto-register", true));
    }

    /**
     * Produces {@code count} requests (with {@link #BACKLOG}, while the intake is paused, and the clock starts when
     * they are all on Kafka), then waits until each one's SENT event is on Kafka (the service publishes it through the
     * outbox once SENT is committed), and checks in PostgreSQL that each one is SENT.
     */
    private ServiceRun throughService(KafkaProducer<String, EmailSendRequested> producer, SentEvents sent,
            String emailId, String run, String phase, int count, CpuUse cpu) {
        String prefix = "bench-" + run + "-" + phase + "-";
        var intake = channels.getPausable(CHANNEL);
        if (BACKLOG) {
            intake.pause();
        }
        CpuUse.Snapshot start = BACKLOG ? null : cpu.snapshot();
        long waitsBefore = metrics.handOverWaits();
        for (int i = 0; i < count; i++) {
            String patientId = patientId(run, i % PATIENTS);
            producer.send(new ProducerRecord<>(TOPIC, patientId, TestData.sendRequest(prefix + i, emailId, patientId)));
        }
        producer.flush();
        if (BACKLOG) {
            start = cpu.snapshot();
            intake.resume();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Math.max(300, count / 50)));
        long done = 0;
        long halfway = 0;
        long doneAtHalfway = 0;
        while (done < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(done + " of " + count + " sends reported SENT before the deadline");
            }
            TestData.sleep(100);
            done = sent.count(prefix);
            if (halfway == 0 && done >= count / 2) {
                halfway = System.nanoTime();
                doneAtHalfway = done;
            }
        }
        CpuUse.Snapshot end = cpu.snapshot();
        long recorded = QuarkusTransaction.requiringNew().call(() -> EmailSend.count(
                "requestId like ?1 and status = ?2", prefix + "%", SendStatus.SENT));
        assertEquals(count, recorded, "every request ended as SENT");
        return new ServiceRun(end.nanos() - start.nanos(), end.nanos() - halfway, (int) (count - doneAtHalfway),
                CpuUse.between(start, end), metrics.handOverWaits() - waitsBefore);
    }

    /**
     * One request end to end before the clock starts: the consumer has joined its group (a fresh instance may wait
     * for a dead member's session to expire), schemas are registered and SMTP connections are open.
     */
    private static void warmUp(KafkaProducer<String, EmailSendRequested> producer, String emailId, String run) {
        String requestId = "bench-" + run + "-first";
        producer.send(new ProducerRecord<>(TOPIC, patientId(run, 0),
                TestData.sendRequest(requestId, emailId, patientId(run, 0))));
        producer.flush();
        TestData.awaitSend(requestId, send -> send.status == SendStatus.SENT, Duration.ofMinutes(3));
        System.out.println("benchmark warm-up done");
    }

    private static List<String> contacts(String run) {
        List<String> addresses = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < PATIENTS; i++) {
                PatientContact contact = new PatientContact();
                contact.patientId = patientId(run, i);
                contact.givenName = "Patient" + i;
                contact.familyName = "Bench";
                contact.email = "p" + i + "-" + run + "@bench.patientoutreach.local";
                contact.timezone = "America/New_York";
                contact.profileUpdatedAt = Instant.now();
                contact.updatedAt = contact.profileUpdatedAt;
                contact.persist();
                addresses.add(contact.email);
            }
        });
        return addresses;
    }

    private static String patientId(String run, int i) {
        return "bench-" + run + "-" + i;
    }

    /**
     * One message as the service delivered it, so the raw loop sends the same bytes per email (RawSmtpLoop makes
     * its line ends and dot-stuffing right, once).
     */
    private static String firstMessage(String address) {
        return BenchSmtpServer.api().inbox(address).get(0).mimeMessage();
    }

    private static void cpuRow(String what, CpuUse.Phase phase, int emails) {
        System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f of %d |%n", what,
                1000 * phase.jvm() / emails, 1000 * phase.jit() / emails, 1000 * phase.bench() / emails,
                1000 * phase.smtp() / emails, 1000 * phase.postgres() / emails, 1000 * phase.kafka() / emails,
                1000 * phase.other() / emails,
                phase.cores(), Runtime.getRuntime().availableProcessors());
    }

    private static double rate(int count, long nanos) {
        return count / (nanos / (double) TimeUnit.SECONDS.toNanos(1));
    }

}
