package org.patientoutreach.emails.send;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;

@Path("/api/sends")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
@PatientData
@Tag(name = "Sends", description = "The log of emails journeys asked for and what happened to each")
public class SendResource {

    @GET
    @Transactional
    @Operation(summary = "List send outcomes, newest first, optionally for one patient and/or one email")
    public Page<SendView> list(
            @QueryParam("patientId") String patientId,
            @QueryParam("emailId") String emailId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (patientId != null && !patientId.isBlank()) {
            conditions.add("patientId = :patientId");
            parameters.and("patientId", patientId);
        }
        if (emailId != null && !emailId.isBlank()) {
            conditions.add("emailId = :emailId");
            parameters.and("emailId", emailId);
        }
        Sort newestFirst = Sort.descending("createdAt").and("requestId");
        var query = conditions.isEmpty()
                ? EmailSend.<EmailSend>findAll(newestFirst)
                : EmailSend.<EmailSend>find(String.join(" and ", conditions), newestFirst, parameters);
        return Page.of(query, page, size).map(SendView::of);
    }
}
