package org.patientoutreach.e2e;

import static org.patientoutreach.e2e.Platform.EMAILS;
import static org.patientoutreach.e2e.Platform.JOURNEYS;
import static org.patientoutreach.e2e.Platform.TRIGGERS;
import static org.patientoutreach.e2e.Platform.post;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * End-to-end latency of the whole platform, as issue #9 asks: CHECKED_IN interactions published to Kafka at a steady
 * rate, a trigger-based journey that sends an email, and the time from each publish to the SMTP server accepting that
 * patient's email (email-service stamps its SENT delivery event right after the server's 250), and that time split
 * by service through the Kafka timestamps of triggers.fired and emails.send-requested. Next to it, in the
 * same run and at the same rate, the raw Kafka hop: our own subscription reading the published interactions back.
 * Every interaction is for a different patient (caps, de-duplication windows and re-entry rules stay out of the way).
 * Prints numbers and asserts nothing about speed. Against the platform `./outreach up` started:
 * {@code ./mvnw -q -pl platform-tests test-compile exec:java -Dexec.mainClass=org.patientoutreach.e2e.CheckInToEmailBenchmark
 * -Dexec.classpathScope=test -Dbench.rates=50,100,200 -Dbench.seconds=60}
 */
public final class CheckInToEmailBenchmark {

    private static final String MARKETER = "marketer";
    private static final Duration DRAIN = Duration.ofSeconds(90);

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream(System.getProperty("bench.rates", "50,100,200").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("bench.seconds", 60);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String department = "Bench-" + run;
        // Freshly started services run interpreted code for their first minute or so (two cores also compile it):
        // the warm-up's check-ins are timed and reported on a row of their own, the steady-state rows come after.
        int warmRate = Integer.getInteger("bench.warmup-rate", 100);
        int warmSeconds = Integer.getInteger("bench.warmup-seconds", 30);
        int warmCount = Math.max(20, warmRate * warmSeconds);
        int total = IntStream.of(rates).map(r -> r * seconds).sum() + warmCount;
        List<String> patients = Platform.importPatients(total, "Bench",
                i -> "bench-" + run + "-" + i + "@example.org", null);
        String journeyId = followUpJourney(run, department);
        System.out.printf("run %s: %,d patients imported, trigger journey %s live%n", run, total, journeyId);
        // A steady rate means a platform that is not still digesting the import: every service consumes the new
        // patients.profiles records first. The time that takes is printed, it is not part of any latency.
        System.out.printf("consumer groups caught up after %.1f s%n", ConsumerLag.awaitCaughtUp(Duration.ofMinutes(10)) / 1000.0);

        List<String> rows = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient();
                var delivery = kafka.subscribe("emails.delivery-events");
                var fired = kafka.subscribe("triggers.fired");
                var requested = kafka.subscribe("emails.send-requested");
                var interactions = new ArrivalClock("ehr.patient-interactions")) {
            // Warm-up: the first sends pay for schema look-ups, connections and the JIT compiler.
            Map<String, Instant> warm = publish(kafka, patients.subList(0, warmCount), warmRate, department);
            rows.add(row("warm-up: check-in -> email accepted by SMTP, first " + warmSeconds + " s after start",
                    warmRate, warm.size(), collect(delivery, warm, journeyId), interactions.since(warm)));
            int next = warmCount;
            for (int rate : rates) {
                List<String> batch = patients.subList(next, next + rate * seconds);
                next += batch.size();
                Map<String, Instant> published = publish(kafka, batch, rate, department);
                Map<String, Long> kafkaHop = interactions.since(published);
                Map<String, Long> endToEnd = collect(delivery, published, journeyId);
                rows.add(row("Kafka publish -> consumed (baseline)", rate, published.size(), kafkaHop, null));
                rows.add(row("check-in -> email accepted by SMTP", rate, published.size(), endToEnd, kafkaHop));
                // Where the time goes: each service's hop, from the Kafka timestamps of the records between them.
                Map<String, Long> firedAt = stamps(fired, published, v -> ((TriggerFired) v).getPatientId());
                Map<String, Long> requestedAt = stamps(requested, published,
                        v -> journeyId.equals(((EmailSendRequested) v).getJourneyId())
                                ? ((EmailSendRequested) v).getPatientId() : null);
                Map<String, Long> sentAt = new HashMap<>();
                endToEnd.forEach((patient, ms) -> sentAt.put(patient, published.get(patient).toEpochMilli() + ms));
                Map<String, Long> publishedAt = new HashMap<>();
                published.forEach((patient, at) -> publishedAt.put(patient, at.toEpochMilli()));
                rows.add(row("stage: publish -> triggers.fired (trigger-service)", rate, published.size(),
                        between(publishedAt, firedAt), kafkaHop));
                rows.add(row("stage: triggers.fired -> emails.send-requested (journey-service)", rate,
                        published.size(), between(firedAt, requestedAt), kafkaHop));
                rows.add(row("stage: emails.send-requested -> SMTP 250 (email-service)", rate, published.size(),
                        between(requestedAt, sentAt), kafkaHop));
            }
        }
        System.out.println("\n=== check-in to email, end to end ===");
        System.out.println("| path | rate/s | sent | seen | p50 ms | p95 ms | p99 ms | max ms | p99 / baseline p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        // The shared results file for ./outreach bench (written only with -Dbench.out).
        var table = org.patientoutreach.testing.BenchResults.fromMarkdown("platform", "check-in-to-email",
                "Check-in to email, end to end",
                "bench.rates=" + System.getProperty("bench.rates", "50,100,200") + ", bench.seconds=" + seconds,
                "a plain consumer reading the same interactions back, same rate, same run (p99 / baseline p99)",
                "| path | rate/s | sent | seen | p50 ms | p95 ms | p99 ms | max ms | p99 / baseline p99 |", rows);
        org.patientoutreach.testing.BenchResults.write(table.withCharts(
                org.patientoutreach.testing.BenchResults.chart("p99 latency by rate, ms", "rate/s", "path", true,
                        "p99 ms"),
                org.patientoutreach.testing.BenchResults.chart("p50 latency by rate, ms", "rate/s", "path", true,
                        "p50 ms")));
    }

    private static String followUpJourney(String run, String department) {
        String triggerId = post(TRIGGERS, MARKETER, "/api/triggers", """
                {"name":"Bench check-in %s","interactionType":"CHECKED_IN","conditions":{"department":"%s"}}"""
                .formatted(run, department), 201).getString("id");
        post(TRIGGERS, MARKETER, "/api/triggers/" + triggerId + "/activate", null, 200);
        String footer = "<footer>{{sender.postalAddress}} <a href='{{unsubscribeUrl}}'>Unsubscribe</a></footer>";
        String emailId = post(EMAILS, MARKETER, "/api/emails", """
                {"name":"Bench follow-up %s","subject":"Thank you for your visit","htmlBody":"<p>Thank you.</p>%s",
                 "commercial":false,"senderPostalAddress":"12 Main St, Springfield, MA 01101"}"""
                .formatted(run, footer), 201).getString("id");
        post(EMAILS, MARKETER, "/api/emails/" + emailId + "/ready", null, 200);
        String journeyId = post(JOURNEYS, MARKETER, "/api/journeys", """
                {"name":"Bench follow-up %s","entry":{"type":"TRIGGER","triggerId":"%s"},"startNodeId":"send","nodes":[
                  {"id":"send","type":"SEND_EMAIL","emailId":"%s","next":"done"},{"id":"done","type":"EXIT"}]}"""
                .formatted(run, triggerId, emailId), 201).getString("id");
        // Go-live checks read journey-service's catalogs, which follow the trigger and email changes through Kafka.
        Platform.postUntilAccepted(JOURNEYS, MARKETER, "/api/journeys/" + journeyId + "/activate", null, 200,
                Duration.ofSeconds(30));
        return journeyId;
    }

    /** Publishes one check-in per patient at {@code rate} per second; returns each patient's publish instant. */
    private static Map<String, Instant> publish(KafkaTestClient kafka, List<String> patients, int rate,
            String department) throws InterruptedException {
        Map<String, Instant> published = new HashMap<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < patients.size(); i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String patient = patients.get(i);
            Instant now = Instant.now();
            published.put(patient, now);
            kafka.send("ehr.patient-interactions", patient, PatientInteraction.newBuilder()
                    .setInteractionId(UUID.randomUUID().toString()).setPatientId(patient)
                    .setType(InteractionType.CHECKED_IN).setOccurredAt(now).setSource("bench-ehr")
                    .setFacility("Main Street Clinic").setDepartment(department).setAttributes(Map.of()).build());
        }
        return published;
    }

    /** Milliseconds from publish to the SENT event's timestamp, per patient seen within the drain time. */
    private static Map<String, Long> collect(KafkaTestClient.Subscription delivery, Map<String, Instant> published,
            String journeyId) {
        Map<String, Long> latency = new HashMap<>();
        Instant deadline = Instant.now().plus(DRAIN);
        while (latency.size() < published.size() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, Object> r : delivery.drain(Duration.ofMillis(500))) {
                if (r.value() instanceof EmailDeliveryEvent e && e.getType() == DeliveryEventType.SENT
                        && journeyId.equals(e.getJourneyId()) && published.containsKey(e.getPatientId())) {
                    latency.put(e.getPatientId(), e.getAt().toEpochMilli() - published.get(e.getPatientId()).toEpochMilli());
                }
            }
        }
        return latency;
    }

    /**
     * The baseline: a plain consumer on its own thread that notes when each record arrives (a poll returns as soon
     * as records are there), so publish -> consumed is the broker's hop with nothing of ours in it.
     */
    private static final class ArrivalClock implements AutoCloseable {
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        ArrivalClock(String topic) throws InterruptedException {
            var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                    "bootstrap.servers", KafkaTestClient.BOOTSTRAP, "group.id", "bench-" + UUID.randomUUID(),
                    "auto.offset.reset", "latest", "enable.auto.commit", "false",
                    "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
            consumer.subscribe(List.of(topic));
            var ready = new CountDownLatch(1);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        var records = consumer.poll(Duration.ofMillis(50));
                        if (!consumer.assignment().isEmpty()) {
                            ready.countDown();
                        }
                        long now = System.currentTimeMillis();
                        records.forEach(r -> arrivals.putIfAbsent(r.key(), now));
                    }
                }
            }, "arrival-clock");
            thread.start();
            ready.await(30, TimeUnit.SECONDS);
        }

        Map<String, Long> since(Map<String, Instant> published) throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!arrivals.keySet().containsAll(published.keySet()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            Map<String, Long> latency = new HashMap<>();
            published.forEach((k, t) -> {
                Long arrived = arrivals.get(k);
                if (arrived != null) {
                    latency.put(k, arrived - t.toEpochMilli());
                }
            });
            return latency;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }

    /** Per patient of this run, the Kafka timestamp of the first record on the subscription that names them. */
    private static Map<String, Long> stamps(KafkaTestClient.Subscription subscription, Map<String, Instant> published,
            Function<Object, String> patientOf) {
        Map<String, Long> stamps = new HashMap<>();
        for (ConsumerRecord<String, Object> r : subscription.drain(Duration.ofMillis(500))) {
            String patient = r.value() == null ? null : patientOf.apply(r.value());
            if (patient != null && published.containsKey(patient)) {
                stamps.putIfAbsent(patient, r.timestamp());
            }
        }
        return stamps;
    }

    /** Milliseconds from one stamp to the next, per patient that has both. */
    private static Map<String, Long> between(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> ms = new HashMap<>();
        from.forEach((patient, at) -> {
            Long next = to.get(patient);
            if (next != null) {
                ms.put(patient, next - at);
            }
        });
        return ms;
    }

    private static String row(String path, int rate, int sent, Map<String, Long> latency, Map<String, Long> baseline) {
        List<Long> sorted = latency.values().stream().sorted().collect(Collectors.toList());
        String ratio = baseline == null ? "" : String.format("%.1fx", (double) percentile(sorted, 99)
                / Math.max(1, percentile(baseline.values().stream().sorted().toList(), 99)));
        return String.format("| %s | %d | %,d | %,d | %d | %d | %d | %d | %s |", path, rate, sent, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), ratio);
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
