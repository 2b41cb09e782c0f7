package org.patientoutreach.emails.feedback;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.security.Roles;

/**
 * Where the mail relay (or the adapter that reads its bounce mailbox, DSNs per RFC 3464, or its feedback-loop
 * reports) tells what became of an email after accepting it: most hard bounces arrive this way, not as a refusal
 * during the SMTP session.
 */
@Path("/api/delivery-feedback")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
@Tag(name = "Delivery feedback", description = "Bounces and spam complaints the relay reports after accepting an email")
public class FeedbackResource {

    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a bounce or complaint about one email by its Message-ID; a repeat changes nothing; "
            + "400 naming the field, 404 if no email of ours has that Message-ID, 409 if it is not recorded as sent")
    public FeedbackView report(@Valid @NotNull FeedbackRequest notice) {
        return feedback.record(notice, FeedbackService.FROM_API);
    }

    /**
     * For a bounce mailbox piped here as it is (a Postfix {@code pipe} transport, a procmail rule, an IMAP poller):
     * the report is read for the original Message-ID and what happened, then recorded as {@link #report} records a
     * notice.
     */
    @POST
    @Path("/reports")
    @Consumes({ "message/rfc822", MediaType.TEXT_PLAIN })
    @Operation(summary = "Report a bounce (an RFC 3464 DSN) or complaint (an RFC 5965 abuse report) as the mail "
            + "system sent it; 204 if it reports nothing to act on, 400 if it is no such report")
    public Response reportMessage(String message) {
        try {
            return DeliveryReport.parse(message)
                    .map(found -> Response.ok(feedback.record(
                            new FeedbackRequest(found.messageId(), found.type(), null), FeedbackService.FROM_REPORT))
                            .build())
                    .orElseGet(() -> Response.noContent().build());
        } catch (DeliveryReport.Unreadable e) {
            // The reason names what is missing, never what the report says: it quotes the recipient and the email.
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "Not a delivery report this service can read: " + e.getMessage());
        }
    }
}
