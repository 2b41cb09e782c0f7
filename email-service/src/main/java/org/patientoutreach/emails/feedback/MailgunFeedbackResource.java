package org.patientoutreach.emails.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.Problem;
import org.patientoutreach.commons.problem.ProblemException;

/**
 * Mailgun (which offers a HIPAA business associate addendum) posts each bounce and complaint here, signed in the body
 * with the account's webhook signing key ({@link MailgunSignature}); it cannot carry our JWT. Mailgun retries any
 * answer but 200 and 406 for hours: a signed notice this service cannot use, or about an email that is not ours, is
 * 406 (retrying cannot help), and one about an email not yet recorded as sent is 503 (retrying will). Outside
 * {@code /api/public} and its per-address limit, as SNS's webhook.
 */
@Path("/webhooks/mailgun")
@PermitAll
@Tag(name = "Delivery feedback", description = "Bounces and spam complaints the relay reports after accepting an email")
public class MailgunFeedbackResource {

    private static final Logger LOG = Logger.getLogger(MailgunFeedbackResource.class);

    private final MailgunSignature signature;
    private final FeedbackService feedback;
    private final ObjectMapper json;

    public MailgunFeedbackResource(MailgunSignature signature, FeedbackService feedback, ObjectMapper json) {
        this.signature = signature;
        this.feedback = feedback;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mailgun bounces and complaints, as its webhooks post them",
            description = "The body is a Mailgun webhook ({\"signature\": {...}, \"event-data\": {...}}), signed with "
                    + "emails.mailgun.signing-key. A failed event about one of our emails, found by the Message-ID it "
                    + "carried (event-data.message.headers.message-id), is recorded as POST /api/delivery-feedback "
                    + "records a notice: severity permanent is HARD_BOUNCE (COMPLAINT when Mailgun held the email "
                    + "back for an earlier complaint; nothing when for its own unsubscribe list), temporary "
                    + "SOFT_BOUNCE; a complained event is COMPLAINT. Other events are acknowledged and ignored.")
    @APIResponse(responseCode = "200", description = "Recorded as for POST /api/delivery-feedback, or nothing to act "
            + "on (an empty body)")
    @APIResponse(responseCode = "400", description = "Not a Mailgun webhook, naming the missing field")
    @APIResponse(responseCode = "403", description = "Not signed with the configured signing key (or none is set), "
            + "signed more than a day ago, or a token that came before with another event")
    @APIResponse(responseCode = "406", description = "Signed, but not usable (naming the field) or not about an email "
            + "this service sent: Mailgun does not post it again")
    @APIResponse(responseCode = "503", description = "The email is not recorded as sent yet: Mailgun posts it again")
    public Response receive(String body) {
        JsonNode webhook = webhook(body);
        signature.verify(webhook.path("signature"), webhook.path("event-data"));
        Optional<FeedbackRequest> notice;
        try {
            notice = MailgunEvent.feedback(webhook.path("event-data"));
        } catch (MailgunEvent.Unusable e) {
            // Mailgun's id for the event is no PHI; the event's content (it names the recipient) stays out of the log.
            LOG.warnf("Mailgun event %s is no usable notice: %s %s", webhook.path("event-data").path("id").asText("-"),
                    e.field, e.getMessage());
            throw new ProblemException(Response.Status.NOT_ACCEPTABLE, "Not a Mailgun event this service can use",
                    List.of(new Problem.FieldError(e.field, e.getMessage())));
        }
        if (notice.isEmpty()) {
            return Response.ok().build();
        }
        try {
            return Response.ok(feedback.record(notice.get(), FeedbackService.FROM_MAILGUN)).build();
        } catch (FeedbackService.NotSentYet e) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE, e.problem().detail());
        } catch (ProblemException e) {
            if (e.problem().status() >= 500) {
                throw e;
            }
            // Not ours (unknown Message-ID, or not of our form): final, so Mailgun stops posting it. Logged, so a
            // relay that replaced our Message-IDs shows; Mailgun's event id only, no PHI.
            LOG.warnf("Mailgun event %s names no email this service sent (%d)",
                    webhook.path("event-data").path("id").asText("-"), e.problem().status());
            throw new ProblemException(Response.Status.NOT_ACCEPTABLE, e.problem().detail(), e.problem().errors());
        }
    }

    private JsonNode webhook(String body) {
        JsonNode tree;
        try {
            tree = body == null ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "The body is not a Mailgun webhook");
        }
        for (String part : List.of("signature", "event-data")) {
            if (!tree.path(part).isObject()) {
                throw ProblemException.badField(part, "is missing");
            }
        }
        return tree;
    }
}
