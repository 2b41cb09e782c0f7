package org.patientoutreach.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.patientoutreach.testing.DevTokens;

/** The five services' REST APIs, at the launcher's addresses unless overridden by system properties. */
final class Platform {

    static final String SEGMENTS = System.getProperty("segments.url", "http://127.0.0.1:8081");
    static final String JOURNEYS = System.getProperty("journeys.url", "http://127.0.0.1:8082");
    static final String EMAILS = System.getProperty("emails.url", "http://127.0.0.1:8083");
    static final String EVENTS = System.getProperty("events.url", "http://127.0.0.1:8084");
    static final String TRIGGERS = System.getProperty("triggers.url", "http://127.0.0.1:8085");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Platform() {
    }

    /** A response body, read the way the story needs it. */
    record Body(JsonNode json) {
        String getString(String field) {
            return json.path(field).asText();
        }

        int getInt(String field) {
            return json.path(field).asInt();
        }
    }

    /**
     * POSTs JSON as {@code role} (a development token, as `./outreach token ROLE` prints) and returns the response
     * body, failing with the service's problem detail on an unexpected status.
     */
    static Body post(String base, String role, String path, String json, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return send(request, role, "POST " + base + path, expectedStatus);
    }

    /**
     * Imports {@code n} patients through segments-service's FHIR door, as transaction bundles of 500 patients, each
     * with the email address {@code addressOf(i)}; {@code moreOf}, if given, adds entries about the patient (its
     * bundle-local reference {@code urn:uuid:<id>}) to the same bundle. Returns the patients' ids, in order.
     */
    static List<String> importPatients(int n, String givenName, IntFunction<String> addressOf,
            Function<String, String> moreOf) {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < n; from += 500) {
            List<String> entries = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 500); i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                entries.add("""
                        {"fullUrl":"urn:uuid:%s","request":{"method":"POST","url":"Patient"},"resource":{
                          "resourceType":"Patient","name":[{"given":["%s"],"family":"Patient"}],
                          "telecom":[{"system":"email","value":"%s"}],"gender":"unknown","birthDate":"1970-01-01"}}"""
                        .formatted(id, givenName, addressOf.apply(i)));
                if (moreOf != null) {
                    entries.add(moreOf.apply(id));
                }
            }
            post(SEGMENTS, "integration", "/api/fhir/bundles", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
                    + "\"entry\":[" + String.join(",", entries) + "]}", 200);
        }
        return ids;
    }

    /**
     * POSTs JSON and retries while the service answers 409 or 422, for up to {@code patience}: go-live checks that
     * depend on what another service has published (segment LIVE, template READY, trigger ACTIVE) pass only once
     * that news has come through Kafka.
     */
    static Body postUntilAccepted(String base, String role, String path, String json, int expectedStatus,
            java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return post(base, role, path, json, expectedStatus);
            } catch (AssertionError e) {
                boolean notYet = e.getMessage().contains(" answered 409") || e.getMessage().contains(" answered 422");
                if (!notYet || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    /** POSTs JSON and returns only the status: for polling until something is there. */
    static int status(String base, String role, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + DevTokens.forRole(role)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("POST " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Body get(String base, String role, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), role, "GET " + base + path, 200);
    }

    private static Body send(HttpRequest.Builder request, String role, String what, int expectedStatus) {
        request.header("Authorization", "Bearer " + DevTokens.forRole(role)).header("Accept", "application/json");
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return new Body(response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
