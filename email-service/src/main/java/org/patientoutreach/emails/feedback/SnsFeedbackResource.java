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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.ProblemException;

/**
 * Amazon SES reports bounces and complaints to an Amazon SNS topic; SNS posts them here, to an HTTPS subscription. SNS
 * cannot carry our JWT: a message is trusted for its signature instead ({@link AmazonSns}), and refused (403) before
 * anything of it is used when that fails. Outside {@code /api/public} and its per-address limit: SNS delivers a
 * campaign's bounces in bursts from few addresses.
 */
@Path("/webhooks/amazon-sns")
@PermitAll
@Tag(name = "Delivery feedback", description = "Bounces and spam complaints the relay reports after accepting an email")
public class SnsFeedbackResource {

    private static final Logger LOG = Logger.getLogger(SnsFeedbackResource.class);

    private final AmazonSns sns;
    private final FeedbackService feedback;
    private final ObjectMapper json;

    public SnsFeedbackResource(AmazonSns sns, FeedbackService feedback, ObjectMapper json) {
        this.sns = sns;
        this.feedback = feedback;
        this.json = json;
    }

    @POST
    @Consumes({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Amazon SES bounces and complaints, as Amazon SNS delivers them to an HTTPS subscription",
            description = "The body is the SNS message (SNS sends it as text/plain). A subscription confirmation for a "
                    + "trusted topic is confirmed; a notification is read as an SES bounce, delivery delay or "
                    + "complaint about one of our emails, found by its original Message-ID (the SES identity must "
                    + "include original headers in notifications), and recorded as POST /api/delivery-feedback records "
                    + "a notice: Permanent bounces are HARD_BOUNCE, Transient and Undetermined ones and delays "
                    + "SOFT_BOUNCE, complaints COMPLAINT unless not-spam.")
    @APIResponse(responseCode = "200", description = "The notice was about one of our emails: as for "
            + "POST /api/delivery-feedback")
    @APIResponse(responseCode = "204", description = "Confirmed the subscription, or nothing to act on (a delivery)")
    @APIResponse(responseCode = "400", description = "Not an SNS message, or not an SES notification, naming the field")
    @APIResponse(responseCode = "403", description = "Not signed by Amazon SNS for a topic of emails.sns.topic-arns")
    @APIResponse(responseCode = "503", description = "Amazon SNS could not be reached for its certificate, or the email "
            + "is not recorded as sent yet: SNS delivers again")
    public Response receive(String body) {
        SnsMessage message = snsMessage(body);
        sns.verify(message);
        switch (message.type()) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> {
                sns.confirm(message);
                LOG.infof("confirmed the Amazon SNS subscription to %s", message.topicArn());
                return Response.noContent().build();
            }
            case SnsMessage.UNSUBSCRIBE_CONFIRMATION -> {
                LOG.infof("Amazon SNS reports this endpoint unsubscribed from %s", message.topicArn());
                return Response.noContent().build();
            }
            default -> {
                return notification(message);
            }
        }
    }

    private Response notification(SnsMessage message) {
        Optional<FeedbackRequest> notice;
        try {
            notice = SesNotification.feedback(json.readTree(message.message()));
        } catch (JsonProcessingException | SesNotification.Unusable e) {
            // SNS does not deliver again after a 4xx: say it in the log, where an operator can see a misconfigured
            // identity. The reason names what is missing, never what the notification says (it names the recipient).
            String reason = e instanceof SesNotification.Unusable ? e.getMessage() : "not JSON";
            LOG.warnf("Amazon SNS message %s of %s is no usable SES notification: %s", message.messageId(),
                    message.topicArn(), reason);
            throw ProblemException.badField("Message", "is not an Amazon SES notification this service can use: "
                    + reason);
        }
        if (notice.isEmpty()) {
            return Response.noContent().build();
        }
        try {
            return Response.ok(feedback.record(notice.get(), FeedbackService.FROM_SNS)).build();
        } catch (FeedbackService.NotSentYet e) {
            // Not recorded as sent yet (still sending, or waiting for its lease after a crash): a 409 would be the
            // end of it, since SNS does not deliver again after a 4xx; after a 5xx it does, per its delivery policy.
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE, e.problem().detail());
        }
    }

    private SnsMessage snsMessage(String body) {
        try {
            JsonNode tree = body == null ? null : json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new ProblemException(Response.Status.BAD_REQUEST, "The body is not an Amazon SNS message");
            }
            return SnsMessage.of(tree);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "The body is not an Amazon SNS message");
        } catch (SnsMessage.Malformed e) {
            throw ProblemException.badField(e.field, e.getMessage());
        }
    }
}
