package org.patientoutreach.commons.audit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records every change (any method but GET, HEAD, OPTIONS) and every read of an endpoint marked {@link PatientData},
 * whether it succeeded or was refused, with the subject from the token.
 */
public class AuditFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AuditLog log;
    @Inject
    CurrentIdentityAssociation identities;

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        String method = request.getMethod();
        boolean read = READS.contains(method);
        if (read && !patientData(resource)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        // /api/<type>/<id>/... and the patient-facing /api/public/<type>/<id>/... name the same resources;
        // a create has its id only in the Location header.
        List<String> parts = List.of(path.replaceFirst("^/api/(public/)?", "").replaceFirst("^/", "").split("/"));
        String resourceType = parts.get(0);
        String resourceId = parts.size() > 1 ? parts.get(1) : null;
        URI location = response.getLocation();
        if (resourceId == null && location != null) {
            String l = location.getPath();
            resourceId = l.substring(l.lastIndexOf('/') + 1);
        }
        String action = read ? "READ" : switch (method) {
            case "POST" -> "CREATE_OR_ACTION";
            case "PUT", "PATCH" -> "UPDATE";
            case "DELETE" -> "DELETE";
            default -> method;
        };
        Instant at = Instant.now();
        String type = resourceType;
        String id = resourceId;
        int status = response.getStatus();
        if (Context.isOnEventLoopThread()) {
            // Refused before reaching a worker (e.g. a bad token): resolve the identity and write without blocking.
            identities.getDeferredIdentity().onFailure().recoverWithNull().subscribe().with(identity ->
                    Infrastructure.getDefaultWorkerPool().execute(() ->
                            append(identity, at, action, method, path, type, id, status)));
        } else {
            append(identities.getIdentity(), at, action, method, path, type, id, status);
        }
    }

    private void append(SecurityIdentity identity, Instant at, String action, String method, String path,
            String resourceType, String resourceId, int status) {
        boolean anonymous = identity == null || identity.isAnonymous();
        log.append(new AuditEntry(UUID.randomUUID(), at, anonymous ? "anonymous" : identity.getPrincipal().getName(),
                anonymous ? "" : String.join(",", new TreeSet<>(identity.getRoles())), action, method, path,
                resourceType, resourceId, status));
    }

    private static boolean patientData(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        return resource.getResourceMethod().isAnnotationPresent(PatientData.class)
                || resource.getResourceClass().isAnnotationPresent(PatientData.class);
    }
}
