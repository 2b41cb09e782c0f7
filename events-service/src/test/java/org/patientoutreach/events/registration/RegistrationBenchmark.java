package org.patientoutreach.events.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.testing.BenchResults;
import org.patientoutreach.testing.DevTokens;

/**
 * 64 concurrent HTTP clients register patients for events of limited capacity through the real REST stack (JWT,
 * PostgreSQL row lock, outbox), then the seat counts prove no event was overbooked and every surplus request was
 * waitlisted. Baseline in the same run: the same clients reading an event (same HTTP, JWT and database round trip,
 * no lock, no write). Run explicitly:
 * {@code ./mvnw -B -q -pl events-service test -Dtest=RegistrationBenchmark -Dbench.size=2000}
 * (bench.clients, bench.events and bench.capacity change the rest).
 */
@QuarkusTest
class RegistrationBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final int SIZE = Integer.getInteger("bench.size", 2000);
    private static final int EVENTS = Integer.getInteger("bench.events", 8);
    private static final int CAPACITY = Integer.getInteger("bench.capacity", 100);

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void sixtyFourClientsRegisterForLimitedEventsWithoutOverbooking() throws Exception {
        String[] tokens = new String[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            tokens[i] = DevTokens.issue("bench-client-" + i, Duration.ofHours(1), Roles.EVENT_COORDINATOR);
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(EventApi.createPublishedEvent(CAPACITY));
        }
        String hot = EventApi.createPublishedEvent(CAPACITY);

        // Warm-up: JIT, connection pools, prepared statements.
        run(tokens, 500, (client, i) -> get(tokens[client], events.get(i % EVENTS)));
        run(tokens, 500, (client, i) -> register(tokens[client], hot, "warm-" + UUID.randomUUID()));

        Result reads = run(tokens, SIZE, (client, i) -> get(tokens[client], events.get(i % EVENTS)));
        Result spread = run(tokens, SIZE, (client, i) -> register(tokens[client], events.get(i % EVENTS),
                "bench-" + UUID.randomUUID()));
        String single = EventApi.createPublishedEvent(CAPACITY);
        Result contended = run(tokens, SIZE / 2, (client, i) -> register(tokens[client], single,
                "bench-" + UUID.randomUUID()));

        System.out.printf("%nRegistrationBenchmark: %d clients, %d events of capacity %d%n", CLIENTS, EVENTS, CAPACITY);
        System.out.printf("%-52s %8s %10s %8s %8s %8s%n", "scenario", "requests", "per second", "p50 ms", "p95 ms",
                "vs base");
        print("baseline: read an event (GET, no lock, no write)", reads, reads);
        print("register, spread over " + EVENTS + " events", spread, reads);
        print("register, all clients on 1 event (one row lock)", contended, reads);
        System.out.printf("reference: 60 registrations/s documented for Microsoft's outbound event management; "
                + "spread x%.1f, one event x%.1f%n%n", spread.perSecond() / 60, contended.perSecond() / 60);
        BenchResults.write(BenchResults.of("events-service", "registrations",
                "Registrations for events of limited capacity, 64 concurrent clients",
                String.format("bench.size=%d, %d clients, %d events of capacity %d", SIZE, CLIENTS, EVENTS, CAPACITY),
                "reading an event over the same HTTP, JWT and database round trip (vs base)",
                List.of("scenario", "requests", "per second", "p50 ms", "p95 ms", "vs base"), List.of(
                        cells("baseline: read an event (GET, no lock, no write)", reads, reads),
                        cells("register, spread over " + EVENTS + " events", spread, reads),
                        cells("register, all clients on 1 event (one row lock)", contended, reads)))
                .withCharts(BenchResults.chart("Requests per second against a plain read", "scenario", null, false,
                        "per second"), BenchResults.chart("Latency p50 and p95, ms", "scenario", null, false,
                        "p50 ms", "p95 ms")));

        int perEvent = SIZE / EVENTS;
        for (String event : events) {
            assertSeats(event, perEvent);
        }
        assertSeats(single, SIZE / 2);
    }

    /** No event over capacity; every request beyond it waitlisted; nothing lost. */
    private static void assertSeats(String event, int attempts) {
        JsonPath view = EventApi.event(event);
        int registered = view.getInt("registered");
        int waitlisted = view.getInt("waitlisted");
        assertTrue(registered <= CAPACITY, "event " + event + " overbooked: " + registered + " > " + CAPACITY);
        assertEquals(Math.min(CAPACITY, attempts), registered, "seats taken of event " + event);
        assertEquals(attempts - registered, waitlisted, "waitlist of event " + event);
        System.out.printf("event %s: %d attempts, %d registered (capacity %d), %d waitlisted, overbooked 0%n",
                event, attempts, registered, CAPACITY, waitlisted);
    }

    private interface Call {
        int send(int client, int index) throws Exception;
    }

    private record Result(int requests, long nanos, long[] latencies) {
        double perSecond() {
            return requests / (nanos / 1e9);
        }

        double percentile(double p) {
            return latencies[(int) Math.min(latencies.length - 1, Math.floor(p * latencies.length))] / 1e6;
        }
    }

    /** {@code total} calls shared by the clients, each its own thread, all released at once. */
    private Result run(String[] tokens, int total, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.length);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[total];
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < tokens.length; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        int status = call.send(client, i);
                        latencies[i] = System.nanoTime() - began;
                        if (status != 200 && status != 201) {
                            throw new IllegalStateException("request " + i + " answered " + status);
                        }
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> client : clients) {
                client.get();
            }
            long nanos = System.nanoTime() - began;
            Arrays.sort(latencies);
            return new Result(total, nanos, latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    private int get(String token, String event) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/events/" + event))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int register(String token, String event, String patientId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/events/" + event + "/registrations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patientId\":\"" + patientId + "\"}")).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A printed line as cells for the results file. */
    private static List<String> cells(String scenario, Result result, Result baseline) {
        return List.of(scenario, String.valueOf(result.requests()), String.format("%.1f", result.perSecond()),
                String.format("%.1f", result.percentile(0.50)), String.format("%.1f", result.percentile(0.95)),
                String.format("%.2f", result.perSecond() / baseline.perSecond()));
    }

    private static void print(String scenario, Result result, Result baseline) {
        System.out.printf("%-52s %8d %10.1f %8.1f %8.1f %8.2f%n", scenario, result.requests(), result.perSecond(),
                result.percentile(0.50), result.percentile(0.95), result.perSecond() / baseline.perSecond());
    }
}
