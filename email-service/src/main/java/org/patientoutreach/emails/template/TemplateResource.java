package org.patientoutreach.emails.template;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.audit.PatientData;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.emails.personalization.RenderedEmail;

@Path("/api/emails")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
@Tag(name = "Emails", description = "Email templates: write, preview, test-send, mark ready")
public class TemplateResource {

    private final TemplateService service;

    public TemplateResource(TemplateService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an email (status DRAFT)")
    public Response create(@Valid @NotNull EmailTemplateRequest request, @Context UriInfo uri) {
        EmailTemplateView created = service.create(request.content());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "List emails, newest first")
    public Page<EmailTemplateView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
    @Operation(summary = "Get one email")
    public EmailTemplateView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @Operation(summary = "Replace an email's content; 409 if the version is not the current one")
    public EmailTemplateView update(@PathParam("id") UUID id, @Valid @NotNull EmailTemplateUpdateRequest request) {
        return service.update(id, request.content(), request.version());
    }

    @POST
    @Path("/{id}/ready")
    @Operation(summary = "Mark an email READY: only READY emails are sent to patients",
            description = "Refused with 409 naming the field when a token is unknown, the footer lacks the "
                    + "{{unsubscribeUrl}} link, or the sender's postal address is missing or not shown.")
    public EmailTemplateView ready(@PathParam("id") UUID id) {
        return service.markReady(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/preview")
    @PatientData // a POST is audited anyway; the marker says the answer holds a patient's data
    @Operation(summary = "Render an email as one patient would receive it")
    public RenderedEmail preview(@PathParam("id") UUID id, @Valid @NotNull PreviewRequest request) {
        return service.preview(id, request.patientId(), request.context());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/test-send")
    @Operation(summary = "Send one copy, subject prefixed with [TEST], to an address of your choice")
    public Response testSend(@PathParam("id") UUID id, @Valid @NotNull TestSendRequest request) {
        service.testSend(id, request);
        return Response.accepted().build();
    }
}
