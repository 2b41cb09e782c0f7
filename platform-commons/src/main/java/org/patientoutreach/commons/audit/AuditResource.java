package org.patientoutreach.commons.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "This service's append-only audit log")
public class AuditResource {

    @Inject
    AuditLog log;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Search the audit log, newest first",
            description = "Every change and every read of patient-level data, with the token's subject.")
    public Page<AuditEntry> search(@QueryParam("subject") String subject,
            @QueryParam("resourceType") String resourceType, @QueryParam("resourceId") String resourceId,
            @QueryParam("action") String action, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return log.search(new AuditLog.AuditQuery(subject, resourceType, resourceId, action, from, to), page, size);
    }
}
