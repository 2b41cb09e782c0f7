package org.patientoutreach.emails.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.engagement.EmailLinks;
import org.patientoutreach.emails.mail.MailSender;
import org.patientoutreach.emails.personalization.RenderedEmail;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.emails.template.EmailTemplate;
import org.patientoutreach.emails.template.TemplateService;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Decides whether a requested email may go out, sends it, and records the outcome with its delivery event in one
 * transaction. The SMTP hand-off happens before the commit: if the commit then fails the request is redelivered and
 * the mail may go out twice, which we prefer to a mail that is recorded as sent but never was.
 */
@ApplicationScoped
public class SendService {

    public static final String DELIVERY_TOPIC = "emails.delivery-events";
    static final String SMTP_ERROR = "SMTP_ERROR";

    private static final Logger LOG = Logger.getLogger(SendService.class);

    private final TemplateService templates;
    private final MailSender mailSender;
    private final Outbox outbox;
    private final EmailLinks links;

    public SendService(TemplateService templates, MailSender mailSender, Outbox outbox, EmailLinks links) {
        this.templates = templates;
        this.mailSender = mailSender;
        this.outbox = outbox;
        this.links = links;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void process(EmailSendRequested request) {
        EmailTemplate template = findTemplate(request.getEmailId());
        PatientContact contact = PatientContact.findById(request.getPatientId());
        Optional<SuppressionCause> suppressed = suppressionCause(template, contact, request.getPatientId());
        if (suppressed.isPresent()) {
            record(request, SendStatus.SUPPRESSED, suppressed.get().name());
            return;
        }
        // Signed links bind this patient and this request: unsubscribe, the open pixel and every tracked click.
        String unsubscribeUrl = links.unsubscribeUrl(request.getPatientId(), request.getRequestId());
        RenderedEmail rendered = templates.render(template,
                contact.personalization(request.getContext()).withUnsubscribeUrl(unsubscribeUrl));
        RenderedEmail email = links.tracked(rendered, request.getPatientId(), request.getRequestId());
        try {
            mailSender.send(contact.email, email, EmailLinks.listUnsubscribeHeaders(unsubscribeUrl));
        } catch (MailSender.MailNotSentException e) {
            LOG.warnf("send request %s failed at SMTP: %s", request.getRequestId(), e.getMessage());
            record(request, SendStatus.FAILED, SMTP_ERROR);
            return;
        }
        record(request, SendStatus.SENT, null);
    }

    /** The first rule that blocks the email, in the order a marketer would look for the cause. */
    static Optional<SuppressionCause> suppressionCause(EmailTemplate template, PatientContact contact, String patientId) {
        if (template == null || !template.isReady()) {
            return Optional.of(SuppressionCause.TEMPLATE_NOT_READY);
        }
        if (contact == null) {
            return Optional.of(SuppressionCause.NO_CONTACT);
        }
        if (contact.deceased) {
            return Optional.of(SuppressionCause.DECEASED);
        }
        if (Suppression.isSuppressed(patientId)) {
            return Optional.of(SuppressionCause.UNSUBSCRIBED);
        }
        if (contact.email == null || contact.email.isBlank()) {
            return Optional.of(SuppressionCause.NO_EMAIL_ADDRESS);
        }
        return Optional.empty();
    }

    private static EmailTemplate findTemplate(String emailId) {
        try {
            return EmailTemplate.findById(UUID.fromString(emailId));
        } catch (IllegalArgumentException notAUuid) {
            return null; // no template can have this id: reported as TEMPLATE_NOT_READY like any unknown id
        }
    }

    private void record(EmailSendRequested request, SendStatus status, String reason) {
        Instant now = Instant.now();
        EmailSend.of(request, status, reason, now).persist();
        outbox.publish(DELIVERY_TOPIC, request.getPatientId(), EmailDeliveryEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(request.getRequestId())
                .setEmailId(request.getEmailId())
                .setPatientId(request.getPatientId())
                .setJourneyId(request.getJourneyId())
                .setInstanceId(request.getInstanceId())
                .setType(DeliveryEventType.valueOf(status.name()))
                .setReason(reason)
                .setAt(now)
                .build());
        LOG.debugf("send request %s: %s %s", request.getRequestId(), status, reason == null ? "" : reason);
    }
}
