package org.patientoutreach.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.patientoutreach.commons.problem.Problem;

/**
 * Limits how often one client address may call the patient-facing endpoints under {@code /api/public}: a fixed
 * window per address, enough to stop link guessing and scripted abuse without state outside the process.
 */
public class PublicRateLimiter {

    /** Requests per address per minute on {@code /api/public}. */
    @ConfigMapping(prefix = "outreach.public")
    public interface PublicConfig {
        @WithDefault("120")
        int requestsPerMinute();
    }

    private record Window(long minute, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    PublicConfig config;

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith("/api/public/")) {
            return null;
        }
        String address = clientAddress(http);
        long minute = System.currentTimeMillis() / 60_000;
        if (windows.size() > 100_000) {
            windows.clear(); // bounded memory under an address-spraying attack
        }
        Window window = windows.merge(address, new Window(minute, 1),
                (old, one) -> old.minute() == minute ? new Window(minute, old.count() + 1) : one);
        if (window.count() > config.requestsPerMinute()) {
            return Response.fromResponse(Problem.of(429, "Too many requests; try again in a minute").toResponse())
                    .header("Retry-After", "60").build();
        }
        return null;
    }

    /**
     * The client's address as the public endpoints see it: behind a trusted proxy, the forwarded one. Shared, so the
     * rate limit and anything else that tells clients apart (email-service's scanner trap) agree on who a client is.
     */
    public static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
