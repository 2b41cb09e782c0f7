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
 * window per address, enough to stop link guessing and scripted abuse without state outside the process. A window
 * opens with an address's first call and lasts a minute, so a quick burst is counted in one window whatever the clock
 * reads (on the clock's minutes, the limit's test failed when its six calls straddled one).
 */
public class PublicRateLimiter {

    /** Requests per address per minute on {@code /api/public}. */
    @ConfigMapping(prefix = "outreach.public")
    public interface PublicConfig {
        @WithDefault("120")
        int requestsPerMinute();
    }

    private static final long WINDOW_MILLIS = 60_000;

    private record Window(long start, int count) {
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
        long now = System.currentTimeMillis();
        if (windows.size() > 100_000) {
            windows.clear(); // bounded memory under an address-spraying attack
        }
        Window window = windows.merge(address, new Window(now, 1),
                (old, one) -> now - old.start() < WINDOW_MILLIS ? new Window(old.start(), old.count() + 1) : one);
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
