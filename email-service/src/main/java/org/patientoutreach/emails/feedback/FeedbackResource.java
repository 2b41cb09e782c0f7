package org.patientoutreach.emails.feedback;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.security.Roles;

/**
 * Where the mail relay (or the adapter that reads its bounce mailbox, DSNs per RFC 3464, or its feedback-loop
 * reports) tells what became of an email after accepting it: most hard bounces arrive this way, not as a refusal
 * during the SMTP session.
 */
@Path("/api/delivery-feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
@Tag(name = "Delivery feedback", description = "Bounces and spam complaints the relay reports after accepting an email")
public class FeedbackResource {

    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @Operation(summary = "Report a bounce or complaint about one email by its Message-ID; a repeat changes nothing; "
            + "400 naming the field, 404 if no email of ours has that Message-ID, 409 if it is not recorded as sent")
    public FeedbackView report(@Valid @NotNull FeedbackRequest notice) {
        return feedback.record(notice);
    }
}
