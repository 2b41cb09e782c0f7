package org.patientoutreach.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Checks a running service's access rules from its own OpenAPI document, so no endpoint can be forgotten: every
 * {@code /api} operation outside {@code /api/public} must declare roles; without a token, or with an expired one, it
 * answers 401; with the token of a role it does not list, 403; with a role it lists, neither. All as problem+json.
 */
public final class SecurityMatrix {

    public static final List<String> ROLES = List.of("outreach-admin", "marketer", "event-coordinator", "analyst",
            "integration");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    /**
     * One operation, the roles its OpenAPI security requirement lists (empty: public) and the media type of the body
     * it takes: JSON if it takes JSON, else the first it lists (a resource that does not take the type refuses with 415
     * before it checks the token).
     */
    public record Endpoint(String method, String path, Set<String> roles, String bodyType) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public SecurityMatrix(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public List<Endpoint> endpoints() {
        JsonNode doc = read(send("GET", "/q/openapi?format=json", null, null).body());
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                var op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                Set<String> roles = new TreeSet<>();
                for (JsonNode requirement : op.getValue().path("security")) {
                    requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
                }
                List<String> bodyTypes = new ArrayList<>();
                op.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
                String bodyType = bodyTypes.isEmpty() || bodyTypes.contains(JSON_TYPE) ? JSON_TYPE : bodyTypes.get(0);
                endpoints.add(new Endpoint(op.getKey().toUpperCase(), path.getKey(), roles, bodyType));
            }
        }
        return endpoints;
    }

    /** Runs the whole matrix and returns how many calls it made; throws listing every rule broken. */
    public int verify() {
        List<String> broken = new ArrayList<>();
        int calls = 0;
        List<Endpoint> endpoints = endpoints();
        if (endpoints.isEmpty()) {
            throw new AssertionError("the OpenAPI document lists no operation");
        }
        for (Endpoint e : endpoints) {
            if (!e.path().startsWith("/api/") || e.path().startsWith("/api/public/")) {
                continue;
            }
            if (e.roles().isEmpty()) {
                broken.add(e.method() + " " + e.path() + " declares no roles");
                continue;
            }
            String path = e.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            calls += expect(broken, e, path, null, 401);
            calls += expect(broken, e, path, DevTokens.expired(e.roles().iterator().next()), 401);
            for (String role : ROLES) {
                boolean allowed = e.roles().contains(role) || e.roles().contains("**");
                calls += expect(broken, e, path, DevTokens.forRole(role), allowed ? -1 : 403);
            }
        }
        if (!broken.isEmpty()) {
            throw new AssertionError("access rules broken:\n  " + String.join("\n  ", broken));
        }
        System.out.printf("security matrix: %d operations, %d calls, all rules held%n", endpoints.size(), calls);
        return calls;
    }

    /** {@code expected} -1 means "neither 401 nor 403". */
    private int expect(List<String> broken, Endpoint e, String path, String token, int expected) {
        HttpResponse<String> response = send(e.method(), path, token, e.bodyType());
        int status = response.statusCode();
        String who = token == null ? "no token" : "token " + DevTokensView.describe(token);
        if (expected == -1) {
            if (status == 401 || status == 403) {
                broken.add(e.method() + " " + e.path() + " with " + who + " answered " + status + ", expected access");
            }
        } else if (status != expected) {
            broken.add(e.method() + " " + e.path() + " with " + who + " answered " + status + ", expected " + expected);
        } else if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            broken.add(e.method() + " " + e.path() + " " + status + " is not application/problem+json");
        }
        return 1;
    }

    private HttpResponse<String> send(String method, String path, String token, String bodyType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        request.method(method, body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (body) {
            request.header("Content-Type", bodyType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("OpenAPI document is not JSON", e);
        }
    }

    /** Names a token by its groups claim in failure messages. */
    private static final class DevTokensView {
        static String describe(String token) {
            try {
                String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
                JsonNode claims = JSON.readTree(payload);
                boolean expired = claims.path("exp").asLong() < System.currentTimeMillis() / 1000;
                return claims.path("groups").toString() + (expired ? " (expired)" : "");
            } catch (IOException | RuntimeException e) {
                return "?";
            }
        }
    }
}
