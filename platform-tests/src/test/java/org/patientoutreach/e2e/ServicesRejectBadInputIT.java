package org.patientoutreach.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * The platform under bad input, against the five packaged services: every REST operation their OpenAPI documents
 * list gets malformed, mistyped, unknown-field, oversized and wrong-content-type bodies, bad ids and mistyped query
 * parameters, and must never answer with a 5xx (bodies that are merely incomplete may legitimately be accepted:
 * the counts by status show what happened); every Kafka consumer gets a poison record and must
 * put it on its dead-letter topic. The services must still be healthy afterwards. Counts are printed.
 */
class ServicesRejectBadInputIT {

    private static final Map<String, String> SERVICES = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = DevTokens.forRole("outreach-admin");
    /** Pseudo status: the server closed the connection before answering. */
    private static final int CLOSED = 0;

    static {
        SERVICES.put("segments-service", Platform.SEGMENTS);
        SERVICES.put("journey-service", Platform.JOURNEYS);
        SERVICES.put("email-service", Platform.EMAILS);
        SERVICES.put("events-service", Platform.EVENTS);
        SERVICES.put("trigger-service", Platform.TRIGGERS);
    }

    @Test
    void no_endpoint_answers_bad_input_with_a_5xx_and_the_services_stay_healthy() throws Exception {
        Map<String, Map<Integer, Integer>> statusesByService = new LinkedHashMap<>();
        List<String> serverErrors = new ArrayList<>();
        int operations = 0;
        for (var service : SERVICES.entrySet()) {
            JsonNode openApi = JSON.readTree(get(service.getValue() + "/q/openapi?format=json").body());
            Map<Integer, Integer> statuses = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
            while (paths.hasNext()) {
                var path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                while (methods.hasNext()) {
                    var method = methods.next();
                    String verb = method.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                        continue;
                    }
                    operations++;
                    for (BadInput.Request request : BadInput.of(openApi, verb, path.getKey(), method.getValue())) {
                        int status = send(service.getValue(), request);
                        statuses.merge(status, 1, Integer::sum);
                        if (status >= 500 || (status == CLOSED && !request.what().startsWith("oversized"))) {
                            serverErrors.add(service.getKey() + " " + verb + " " + path.getKey() + " [" + request.what()
                                    + "] -> " + status);
                        }
                    }
                }
            }
            statusesByService.put(service.getKey(), statuses);
        }
        System.out.println("[bad input] " + operations + " operations; responses by status per service:");
        statusesByService.forEach((service, statuses) -> System.out.println("[bad input]   " + service + " " + statuses));
        serverErrors.forEach(e -> System.out.println("[bad input] FAILED: " + e));
        for (var service : SERVICES.entrySet()) {
            assertEquals(200, get(service.getValue() + "/q/health/ready").statusCode(), service.getKey() + " is not ready");
        }
        assertTrue(operations > 50, "the OpenAPI documents listed only " + operations + " operations");
        assertEquals(List.of(), serverErrors, "bad input must never get a 5xx");
    }

    @Test
    void every_consumer_puts_a_poison_record_on_its_dead_letter_topic() throws Exception {
        Map<String, String> deadLetterTopics = deadLetterTopicsByTopic();
        assertTrue(deadLetterTopics.size() >= 9, "consumed topics found: " + deadLetterTopics.keySet());
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            Map<String, KafkaTestClient.Subscription> dlqs = new LinkedHashMap<>();
            for (String dlq : new TreeSet<>(deadLetterTopics.values())) {
                dlqs.put(dlq, kafka.subscribe(dlq));
            }
            // One poison record per topic: every consumer of that topic must dead-letter it.
            Map<String, String> keys = new LinkedHashMap<>();
            for (String consumer : deadLetterTopics.keySet()) {
                keys.computeIfAbsent(topicOf(consumer), topic -> "poison-" + UUID.randomUUID());
            }
            for (var poison : keys.entrySet()) {
                kafka.sendPoison(poison.getKey(), poison.getValue(), "\u0000not avro at all".getBytes(StandardCharsets.UTF_8));
            }
            for (var entry : deadLetterTopics.entrySet()) {
                String key = keys.get(topicOf(entry.getKey()));
                dlqs.get(entry.getValue()).await(r -> key.equals(r.key()), Duration.ofSeconds(60));
                System.out.println("[bad input] poison record on " + entry.getKey() + " reached " + entry.getValue());
            }
        }
        for (var service : SERVICES.entrySet()) {
            assertEquals(200, get(service.getValue() + "/q/health/ready").statusCode(), service.getKey() + " is not ready");
        }
    }

    /**
     * Every incoming channel of every service with its topic and dead-letter topic, read from the services' own
     * configuration so that a new consumer is covered without editing this test. Keyed "topic (service/channel)".
     */
    private static Map<String, String> deadLetterTopicsByTopic() {
        Map<String, String> out = new TreeMap<>();
        for (String service : SERVICES.keySet()) {
            Properties properties = ServiceConfig.of(service);
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")
                        && !name.contains(".dead-letter-queue.")) {
                    String channel = name.substring("mp.messaging.incoming.".length(), name.length() - ".topic".length());
                    String dlq = properties.getProperty("mp.messaging.incoming." + channel + ".dead-letter-queue.topic");
                    assertTrue(dlq != null, service + " channel " + channel + " has no dead-letter topic");
                    out.put(properties.getProperty(name) + " (" + service + "/" + channel + ")", dlq);
                }
            }
        }
        return out;
    }

    private static String topicOf(String consumer) {
        return consumer.substring(0, consumer.indexOf(' '));
    }

    private static int send(String base, BadInput.Request request) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN);
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(request.method(), body);
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // A server may close the connection while an oversized body is still being sent: refused, as wanted.
            // Anywhere else a closed connection counts as a failure.
            return CLOSED;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
