package org.patientoutreach.journeys.instance;

import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.journeys.config.JourneysConfig;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.testing.BenchResults;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * A segment of {@code bench.size} members (default 10 000) goes live into send, wait 1 s, branch on open (within
 * 1 s), send. Measures the time from go-live until every first send is on emails.send-requested, timer lateness
 * (p50/p99 of how long after its due time each wait and branch deadline was acted on), and instances completed per
 * second. Baseline, same run: the same number of email requests written straight into the outbox (no journey),
 * until all are on the topic. Run it explicitly:
 * {@code ./mvnw -pl journey-service test -Dtest=JourneyBenchmark -Dbench.size=100000}.
 */
@QuarkusTest
class JourneyBenchmark {

    private static final int SIZE = Integer.getInteger("bench.size", 10_000);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    @Inject
    Outbox outbox;

    @Inject
    JourneysConfig config;

    @Test
    void segmentGoesLiveIntoSendWaitBranchSend() {
        // Baseline: the floor the outbox relay and Kafka set, without any journey logic.
        String baselineJourney = UUID.randomUUID().toString();
        long baselineMillis;
        try (Counter counter = new Counter()) {
            Instant start = Instant.now();
            for (int from = 0; from < SIZE; from += 1_000) {
                int upTo = Math.min(SIZE, from + 1_000);
                int first = from;
                QuarkusTransaction.requiringNew().run(() -> {
                    for (int i = first; i < upTo; i++) {
                        outbox.publish("emails.send-requested", "baseline-" + i, request(baselineJourney, i));
                    }
                });
            }
            counter.until(r -> baselineJourney.equals(r.getJourneyId()), SIZE);
            baselineMillis = Duration.between(start, Instant.now()).toMillis();
        }

        UUID segmentId = DurableRunTest.segmentWithMembers(SIZE);
        long firstSendsMillis;
        long completedMillis;
        UUID journeyId;
        try (Counter counter = new Counter()) {
            Instant start = Instant.now();
            journeyId = createLive(definition(segmentEntry(segmentId), List.of(
                    Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                    Map.of("id", "n2", "type", "WAIT", "duration", "PT1S", "next", "n3"),
                    Map.of("id", "n3", "type", "BRANCH_INTERACTION", "interaction", "EMAIL_OPENED", "stepId", "n1",
                            "within", "PT1S", "yes", "n4", "no", "n5"),
                    Map.of("id", "n4", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n6"),
                    Map.of("id", "n5", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n6"),
                    Map.of("id", "n6", "type", "EXIT"))));
            String journey = journeyId.toString();
            long activateMillis = Duration.between(start, Instant.now()).toMillis();
            counter.until(r -> journey.equals(r.getJourneyId()) && "n1".equals(r.getStepId()), SIZE);
            firstSendsMillis = Duration.between(start, Instant.now()).toMillis();
            UUID id = journeyId;
            while (completed(id) < SIZE && Duration.between(start, Instant.now()).compareTo(TIMEOUT) < 0) {
                sleep(200);
            }
            completedMillis = Duration.between(start, Instant.now()).toMillis();
            counter.until(r -> journey.equals(r.getJourneyId()) && !"n1".equals(r.getStepId()), SIZE);
            System.out.printf("go-live call (bulk enrollment of %d) took %d ms%n", SIZE, activateMillis);
        }
        double[] waitLateness = lateness(journeyId, "n2");
        double[] branchLateness = lateness(journeyId, "n3");
        System.out.println();
        System.out.printf("JourneyBenchmark, %d members, runner batch %d, workers %d%n", SIZE,
                config.runner().batchSize(), config.runner().workers());
        List<String> rows = List.of(
                String.format("| baseline: %d requests straight through the outbox to Kafka | %d ms (%.0f/s) |", SIZE,
                        baselineMillis, SIZE * 1000.0 / baselineMillis),
                String.format("| go-live to all %d first sends on Kafka | %d ms (%.0f/s) |", SIZE, firstSendsMillis,
                        SIZE * 1000.0 / firstSendsMillis),
                String.format("| ratio first sends / baseline | %.2f |", firstSendsMillis / (double) baselineMillis),
                String.format("| go-live to all instances completed | %d ms |", completedMillis),
                String.format("| instances/s (completed, 2 sends each) | %.0f |", SIZE * 1000.0 / completedMillis),
                String.format("| WAIT 1 s lateness p50 / p99 | %.0f ms / %.0f ms |", waitLateness[0], waitLateness[1]),
                String.format("| branch deadline lateness p50 / p99 | %.0f ms / %.0f ms |", branchLateness[0],
                        branchLateness[1]));
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
        BenchResults.write(BenchResults.fromMarkdown("journey-service", "segment-go-live",
                "A segment goes live into send, wait 1 s, branch on open, send",
                String.format("bench.size=%d, runner batch %d, workers %d", SIZE, config.runner().batchSize(),
                        config.runner().workers()),
                "the same number of requests straight through the outbox to Kafka (ratio row)",
                "| measure | value |", rows)
                .withCharts(BenchResults.chart("Go-live to Kafka against the bare outbox, ms", "measure", null, false,
                        "value").only("^(baseline|go-live)")));
    }

    /** p50 and p99, in ms, of how late the node's timers were acted on (end of wait minus due time). */
    private static double[] lateness(UUID journeyId, String nodeId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) JourneyInstance.getEntityManager()
                .createNativeQuery("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY late), percentile_cont(0.99) WITHIN GROUP (ORDER BY late)
                        FROM (SELECT EXTRACT(EPOCH FROM (e.at - s.at - interval '1 second')) * 1000 AS late
                              FROM instance_step_log s JOIN instance_step_log e
                                ON e.instance_id = s.instance_id AND e.node_id = s.node_id AND e.outcome = 'WAIT_ENDED'
                              WHERE s.journey_id = :journeyId AND s.node_id = :nodeId AND s.outcome = 'WAIT_STARTED') t""")
                .setParameter("journeyId", journeyId)
                .setParameter("nodeId", nodeId)
                .getSingleResult());
        return new double[] { ((Number) row[0]).doubleValue(), ((Number) row[1]).doubleValue() };
    }

    private static long completed(UUID journeyId) {
        return QuarkusTransaction.requiringNew().call(() -> JourneyInstance.count("journeyId = ?1 and status = ?2",
                journeyId, InstanceStatus.COMPLETED));
    }

    private static EmailSendRequested request(String journeyId, int i) {
        return EmailSendRequested.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setEmailId(UUID.randomUUID().toString())
                .setPatientId("baseline-" + i)
                .setJourneyId(journeyId)
                .setInstanceId(UUID.randomUUID().toString())
                .setStepId("n1")
                .setRequestedAt(Instant.now())
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Counts matching email requests from the end of the topic on, keeping none of them in memory. */
    private static final class Counter implements AutoCloseable {
        private final KafkaConsumer<String, Object> consumer;
        private final List<EmailSendRequested> pending = new ArrayList<>();

        Counter() {
            consumer = KafkaTestClient.openAtEnd("emails.send-requested", 5000, this::keep);
        }

        /** Polls until {@code count} records matching {@code match} have arrived since this counter opened. */
        void until(Predicate<EmailSendRequested> match, int count) {
            Instant deadline = Instant.now().plus(TIMEOUT);
            long seen = pending.stream().filter(match).count();
            pending.removeIf(match);
            while (seen < count) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("only " + seen + " of " + count + " requests within " + TIMEOUT);
                }
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() instanceof EmailSendRequested request && match.test(request)) {
                        seen++;
                    } else {
                        keep(r);
                    }
                }
            }
        }

        /** Second sends can arrive while first sends are still counted: keep those for the next count. */
        private void keep(ConsumerRecord<String, Object> r) {
            if (r.value() instanceof EmailSendRequested request && !"n1".equals(request.getStepId())) {
                pending.add(request);
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
