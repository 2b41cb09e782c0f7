package org.patientoutreach.emails.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.event.CatalogEvent;
import org.patientoutreach.emails.event.EventInvitations;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.emails.template.EmailTemplate;
import org.patientoutreach.emails.template.TemplateService;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Accepts send requests into the durable send queue ({@code email_send}) or suppresses them, and records final
 * outcomes with their delivery events. Every state change and its event commit together through the outbox.
 */
@ApplicationScoped
public class SendService {

    public static final String DELIVERY_TOPIC = "emails.delivery-events";
    static final String QUIET_HOURS = "quiet-hours";

    private static final Logger LOG = Logger.getLogger(SendService.class);

    private final TemplateService templates;
    private final Outbox outbox;
    private final Event<SendQueued> queued;
    private final QuietHours quietHours;
    private final boolean quietHoursEnabled;
    private final ZoneId defaultZone;
    private final List<EmailsConfig.Cap> caps;

    public SendService(TemplateService templates, Outbox outbox, Event<SendQueued> queued, EmailsConfig config) {
        this.templates = templates;
        this.outbox = outbox;
        this.queued = queued;
        this.quietHours = new QuietHours(config.quietHours().start(), config.quietHours().end());
        this.quietHoursEnabled = config.quietHours().enabled();
        this.defaultZone = ZoneId.of(config.quietHours().defaultTimezone());
        this.caps = List.copyOf(config.caps().values());
    }

    /**
     * Decides what happens to a new request: suppressed (with its reason and event), or queued, now or at the end of
     * the patient's quiet hours. The patient's contact row is locked, so two requests for one patient decide their
     * frequency caps one after the other even when consumed in parallel.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accept(EmailSendRequested request) {
        if (EmailSend.findById(request.getRequestId()) != null) {
            return; // already accepted: the send log is the second guard behind the inbox
        }
        Instant now = Instant.now();
        EmailTemplate template = findTemplate(request.getEmailId());
        PatientContact contact = PatientContact.findById(request.getPatientId(), LockModeType.PESSIMISTIC_WRITE);
        boolean commercial = request.getCommercial() || (template != null && template.commercial);
        EmailSend send = EmailSend.requested(request, commercial, now);
        Optional<String> blocked = blockedFor(template, contact, send.context(), commercial);
        if (blocked.isEmpty() && commercial && capReached(request.getPatientId(), now)) {
            blocked = Optional.of(SuppressionCause.FREQUENCY_CAP.code());
        }
        if (blocked.isPresent()) {
            finish(send, SendStatus.SUPPRESSED, blocked.get(), now);
            send.persist(); // after finish: Hibernate inserts the state the entity has when persisted
            return;
        }
        Optional<Instant> quietUntil = commercial && quietHoursEnabled
                ? quietHours.deferUntil(now, zoneOf(contact))
                : Optional.empty();
        send.status = quietUntil.isPresent() ? SendStatus.DEFERRED : SendStatus.QUEUED;
        send.reason = quietUntil.isPresent() ? QUIET_HOURS : null;
        send.dueAt = quietUntil.orElse(now);
        send.persist();
        queued.fire(new SendQueued(send.requestId));
    }

    /**
     * The first rule that blocks the email, in the order a marketer would look for the cause. Checked when the
     * request arrives and again right before sending: a deferred email must not reach a patient who unsubscribed
     * in the meantime.
     */
    Optional<String> blockedFor(EmailTemplate template, PatientContact contact, Map<String, String> context,
            boolean commercial) {
        if (template == null || !template.isReady()) {
            return code(SuppressionCause.TEMPLATE_NOT_READY);
        }
        if (contact == null) {
            return code(SuppressionCause.NO_CONTACT);
        }
        if (contact.deceased) {
            return code(SuppressionCause.DECEASED);
        }
        Optional<String> listed = Suppression.reasonOf(contact.patientId).map(Enum::name);
        if (listed.isPresent()) {
            return listed;
        }
        if (contact.email == null || contact.email.isBlank()) {
            return code(SuppressionCause.NO_EMAIL_ADDRESS);
        }
        if (commercial && !contact.consentsToCommercialEmail()) {
            return code(SuppressionCause.NO_CONSENT);
        }
        if (templates.showsEvent(template)) {
            String eventId = context.get(EventInvitations.EVENT_ID);
            CatalogEvent event = eventId == null ? null : CatalogEvent.findById(eventId);
            if (event == null) {
                return code(SuppressionCause.EVENT_UNKNOWN);
            }
            if (event.isCancelled()) {
                return code(SuppressionCause.EVENT_CANCELLED);
            }
        }
        return Optional.empty();
    }

    private boolean capReached(String patientId, Instant now) {
        for (EmailsConfig.Cap cap : caps) {
            if (EmailSend.commercialSince(patientId, now.minus(cap.window())) >= cap.max()) {
                return true;
            }
        }
        return false;
    }

    /** Records a final outcome and its delivery event, once: a send that is already final is left alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(EmailSend send, SendStatus status, String reason, Instant now) {
        send.status = status;
        send.reason = reason;
        send.leaseUntil = null;
        send.updatedAt = now;
        send.sentAt = status == SendStatus.SENT ? now : null;
        outbox.publish(DELIVERY_TOPIC, send.patientId, EmailDeliveryEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(send.requestId)
                .setEmailId(send.emailId)
                .setPatientId(send.patientId)
                .setJourneyId(send.journeyId)
                .setInstanceId(send.instanceId)
                .setType(DeliveryEventType.valueOf(status.name()))
                .setReason(reason)
                .setAt(now)
                .build());
        LOG.debugf("send request %s: %s %s", send.requestId, status, reason == null ? "" : reason);
    }

    EmailTemplate findTemplate(String emailId) {
        try {
            return EmailTemplate.findById(UUID.fromString(emailId));
        } catch (IllegalArgumentException notAUuid) {
            return null; // no template can have this id: reported as TEMPLATE_NOT_READY like any unknown id
        }
    }

    private ZoneId zoneOf(PatientContact contact) {
        try {
            return contact.timezone == null ? defaultZone : ZoneId.of(contact.timezone);
        } catch (DateTimeException invalid) {
            return defaultZone;
        }
    }

    private static Optional<String> code(SuppressionCause cause) {
        return Optional.of(cause.code());
    }
}
