package org.patientoutreach.emails.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.metrics.EmailMetrics;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.event.CatalogEvent;
import org.patientoutreach.emails.template.EmailTemplate;
import org.patientoutreach.emails.template.TemplateService;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.JourneyInstanceEnded;

/**
 * Accepts send requests into the durable send queue ({@code email_send}) or suppresses them, and records final
 * outcomes with their delivery events. Every state change and its event commit together through the outbox.
 */
@ApplicationScoped
public class SendService {

    public static final String DELIVERY_TOPIC = "emails.delivery-events";
    static final String AWAITING_PROFILE = "awaiting-profile";

    private static final Logger LOG = Logger.getLogger(SendService.class);

    private final TemplateService templates;
    private final Outbox outbox;
    private final EmailMetrics metrics;
    private final Event<SendQueued> queued;
    private final SendTiming timing;
    private final ZoneId defaultZone;
    private final Collection<EmailsConfig.Cap> caps;
    private final Duration profileWait;
    private final Duration lease;
    private final String messageIdDomain;

    public SendService(TemplateService templates, Outbox outbox, Event<SendQueued> queued, EmailsConfig config,
            EmailMetrics metrics) {
        this.templates = templates;
        this.outbox = outbox;
        this.metrics = metrics;
        this.queued = queued;
        this.timing = new SendTiming(config.quietHours().enabled()
                ? new QuietHours(config.quietHours().start(), config.quietHours().end()) : null);
        this.defaultZone = ZoneId.of(config.quietHours().defaultTimezone());
        this.caps = List.copyOf(config.caps().values());
        this.profileWait = config.profileWait();
        this.lease = config.dispatch().lease();
        this.messageIdDomain = config.messageIdDomain();
    }

    /**
     * What a poll's intake leaves for the caller: the sends it took over for sending right away (SENDING, leased to
     * this instance, inserted that way), with what the batch loaded about their recipients.
     */
    record Accepted(List<EmailSend> takenOver, Recipients recipients) {
        static final Accepted NOTHING = new Accepted(List.of(), null);
    }

    /**
     * Decides what happens to new requests, a batch at a time: each is suppressed (with its reason and event), or
     * queued, now or at the end of the patient's quiet hours. The patients with commercial requests are locked
     * ({@link CapCounts#load}), so requests of one patient decide their frequency caps one batch after the other;
     * within a batch, each queued commercial email counts toward the caps of the requests after it. Up to {@code room}
     * sends due now are taken over instead of queued: inserted as SENDING with this instance's lease, as a claim
     * would leave them, so they need no claim (the caller hands them to the SMTP workers once this commits); a crash
     * before their hand-over leaves them to the lease like any claimed send.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Accepted acceptAll(List<EmailSendRequested> requests, int room) {
        Set<String> known = EmailSend.existing(requests.stream().map(EmailSendRequested::getRequestId).toList());
        List<EmailSendRequested> fresh = requests.stream().filter(r -> !known.contains(r.getRequestId())).toList();
        if (fresh.isEmpty()) {
            return Accepted.NOTHING; // already accepted: a redelivery, or a request another replica took
        }
        Instant now = Instant.now();
        Recipients recipients = Recipients.load(fresh.stream().map(EmailSendRequested::getEmailId).toList(),
                fresh.stream().map(EmailSendRequested::getPatientId).toList(),
                Recipients.eventIds(fresh.stream().map(EmailSendRequested::getContext).filter(Objects::nonNull)
                        .toList()), fresh.stream().map(EmailSendRequested::getInstanceId).toList());
        CapCounts capCounts = CapCounts.load(caps, fresh.stream()
                .filter(r -> isCommercial(r, recipients)).map(EmailSendRequested::getPatientId).toList(), now);
        int queuedCount = 0;
        List<EmailSend> takenOver = new ArrayList<>(Math.min(room, fresh.size()));
        for (EmailSendRequested request : fresh) {
            EmailTemplate template = recipients.template(request.getEmailId());
            PatientContact contact = recipients.contact(request.getPatientId());
            boolean commercial = isCommercial(request, recipients);
            EmailSend send = EmailSend.requested(request, commercial, now);
            boolean mayWait = !profileWait.isZero() && !profileWait.isNegative();
            boolean ended = recipients.instanceEnded(request.getInstanceId());
            if (contact == null && template != null && template.isReady() && mayWait && !ended) {
                // The profile may be on its way: decided when the send comes due, like any deferred one.
                send.status = SendStatus.DEFERRED;
                send.reason = AWAITING_PROFILE;
                send.dueAt = now.plus(profileWait);
                send.persist();
                if (commercial) {
                    capCounts.add(request.getPatientId());
                }
                continue;
            }
            Optional<String> blocked = blockedFor(template, contact, recipients, request.getContext() == null
                    ? Map.of() : request.getContext(), commercial, request.getInstanceId());
            if (blocked.isEmpty() && commercial && capCounts.reached(request.getPatientId())) {
                blocked = Optional.of(SuppressionCause.FREQUENCY_CAP.code());
            }
            if (blocked.isPresent()) {
                finish(send, SendStatus.SUPPRESSED, blocked.get(), now);
                send.persist(); // after finish: Hibernate inserts the state the entity has when persisted
                continue;
            }
            Optional<SendTiming.Deferral> deferral = deferral(commercial, send.sendWindow, contact, now);
            send.status = deferral.isPresent() ? SendStatus.DEFERRED : SendStatus.QUEUED;
            send.reason = deferral.map(SendTiming.Deferral::reason).orElse(null);
            send.dueAt = deferral.map(SendTiming.Deferral::until).orElse(now);
            if (deferral.isEmpty() && takenOver.size() < room) {
                send.takeOver(now, lease, messageIdDomain);
                takenOver.add(send);
            } else {
                queuedCount++;
            }
            send.persist(); // after the status is final: a change after persist() would be a second write
            if (commercial) {
                capCounts.add(request.getPatientId());
            }
        }
        if (queuedCount > 0) {
            queued.fire(new SendQueued(queuedCount));
        }
        return new Accepted(takenOver, recipients);
    }

    private static boolean isCommercial(EmailSendRequested request, Recipients recipients) {
        EmailTemplate template = recipients.template(request.getEmailId());
        return request.getCommercial() || (template != null && template.commercial);
    }

    /**
     * The first rule that blocks the email, in the order a marketer would look for the cause. Checked when the
     * request arrives and again right before sending: a deferred email must not reach a patient who unsubscribed
     * in the meantime.
     */
    Optional<String> blockedFor(EmailTemplate template, PatientContact contact, Recipients recipients,
            Map<String, String> context, boolean commercial, String instanceId) {
        if (recipients.instanceEnded(instanceId)) {
            return code(SuppressionCause.JOURNEY_ENDED);
        }
        if (template == null || !template.isReady()) {
            return code(SuppressionCause.TEMPLATE_NOT_READY);
        }
        if (contact == null) {
            return code(SuppressionCause.NO_CONTACT);
        }
        if (contact.deceased) {
            return code(SuppressionCause.DECEASED);
        }
        Optional<String> listed = recipients.suppression(contact.patientId);
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
            CatalogEvent event = recipients.event(context);
            if (event == null) {
                return code(SuppressionCause.EVENT_UNKNOWN);
            }
            if (event.isCancelled()) {
                return code(SuppressionCause.EVENT_CANCELLED);
            }
        }
        return Optional.empty();
    }

    /**
     * When a send may go out if not now (quiet hours for commercial email, the journey's send window for any), in
     * the patient's timezone; {@code window} as the send log keeps it, null for any time.
     */
    Optional<SendTiming.Deferral> deferral(boolean commercial, String window, PatientContact contact, Instant now) {
        SendWindow sendWindow = window == null ? null : SendWindow.decode(window);
        return timing.mayHold(commercial, sendWindow)
                ? timing.deferral(commercial, sendWindow, zoneOf(contact), now) : Optional.empty();
    }

    /** Records a final outcome and its delivery event, once: a send that is already final is left alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(EmailSend send, SendStatus status, String reason, Instant now) {
        outbox.publish(DELIVERY_TOPIC, send.patientId, settle(send, status, reason, now));
        metrics.outcomes(status.name(), reason, 1);
    }

    /** A final outcome on the row; returns its delivery event, for the caller to publish. */
    private static EmailDeliveryEvent settle(EmailSend send, SendStatus status, String reason, Instant now) {
        send.status = status;
        send.reason = reason;
        send.leaseUntil = null;
        send.updatedAt = now;
        send.sentAt = status == SendStatus.SENT ? now : null;
        LOG.debugf("send request %s: %s %s", send.requestId, status, reason == null ? "" : reason);
        return send.event(DeliveryEventType.valueOf(status.name()), reason, null, now);
    }

    /**
     * Journey instances left early: their sends that still wait (held for quiet hours or a send window, waiting for a
     * profile or a retry) are suppressed, each with its event, and the instances are remembered, so a request of one
     * that arrives later (the two topics keep no order between them) or a send that comes due is suppressed too. A
     * send already SENDING is on its way. Returns how many were withdrawn; a repeat withdraws nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdraw(List<JourneyInstanceEnded> ended) {
        Instant now = Instant.now();
        EndedInstances.remember(ended, now);
        List<EmailSend> waiting = EmailSend.waitingOf(ended.stream().map(JourneyInstanceEnded::getInstanceId)
                .toList());
        String reason = SuppressionCause.JOURNEY_ENDED.code();
        List<EmailDeliveryEvent> events = waiting.stream()
                .map(send -> settle(send, SendStatus.SUPPRESSED, reason, now)).toList();
        outbox.publishInOrder(DELIVERY_TOPIC, events, EmailDeliveryEvent::getPatientId);
        metrics.outcomes(SendStatus.SUPPRESSED.name(), reason, events.size());
        return events.size();
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
