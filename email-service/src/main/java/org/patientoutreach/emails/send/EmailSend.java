package org.patientoutreach.emails.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * One send request: its place in the durable send queue, then its outcome. The request id as key is what makes a
 * redelivered request send nothing. Holds ids only, no address or content (the context holds ids such as eventId).
 */
@Entity
@Table(name = "email_send")
// Only the columns a change touched: engagement (opens, clicks) and delivery feedback update the same sent row from
// different requests, and a full-row update would put back the other's stale values.
@DynamicUpdate
public class EmailSend extends PanacheEntityBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> CONTEXT = new TypeReference<>() {
    };
    private static final List<SendStatus> COUNTED_BY_CAPS =
            List.of(SendStatus.QUEUED, SendStatus.DEFERRED, SendStatus.SENDING, SendStatus.SENT);

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "email_id")
    public String emailId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "journey_id")
    public String journeyId;

    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "step_id")
    public String stepId;

    public boolean commercial;

    @Column(name = "context")
    public String contextJson = "{}";

    @Enumerated(EnumType.STRING)
    public SendStatus status;

    public String reason;

    @Column(name = "due_at")
    public Instant dueAt;

    public int attempts;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "message_id")
    public String messageId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "clicked_at")
    public Instant clickedAt;

    /** The most severe notice the relay sent about this email after accepting it; null while there is none. */
    @Enumerated(EnumType.STRING)
    public DeliveryFeedback feedback;

    @Column(name = "feedback_at")
    public Instant feedbackAt;

    /** The last fetch of the email's hidden trap link: a scanner at work (see EngagementService). */
    @Column(name = "scanned_at")
    public Instant scannedAt;

    /** Who fetched it: a keyed digest of its address and this request, never the address (ScannerAddress). */
    @Column(name = "scanned_by")
    public String scannedBy;

    /** The journey's send window ({@link SendWindow#encode}); null: any time. */
    @Column(name = "send_window")
    public String sendWindow;

    static EmailSend requested(EmailSendRequested request, boolean commercial, Instant now) {
        EmailSend send = new EmailSend();
        send.requestId = request.getRequestId();
        send.emailId = request.getEmailId();
        send.patientId = request.getPatientId();
        send.journeyId = request.getJourneyId();
        send.instanceId = request.getInstanceId();
        send.stepId = request.getStepId();
        send.commercial = commercial;
        send.contextJson = toJson(request.getContext());
        var window = request.getSendWindow();
        send.sendWindow = window == null ? null
                : SendWindow.of(window.getDays(), window.getFromMinute(), window.getUntilMinute()).encode();
        send.createdAt = now;
        send.updatedAt = now;
        return send;
    }

    /** A delivery event about this send, for what happened to it after it was sent. */
    public EmailDeliveryEvent event(DeliveryEventType type, String reason, String url, Instant at) {
        return deliveryEvent(requestId, emailId, patientId, journeyId, instanceId, type, reason, url, at);
    }

    /** The one place delivery events are built: a fresh event id, the send's ids, what happened. */
    static EmailDeliveryEvent deliveryEvent(String requestId, String emailId, String patientId, String journeyId,
            String instanceId, DeliveryEventType type, String reason, String url, Instant at) {
        return EmailDeliveryEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(requestId)
                .setEmailId(emailId)
                .setPatientId(patientId)
                .setJourneyId(journeyId)
                .setInstanceId(instanceId)
                .setType(type)
                .setReason(reason)
                .setUrl(url)
                .setAt(at)
                .build();
    }

    /** Leased to this instance right away, the first attempt, as the dispatcher's claim leases a queued send. */
    void takeOver(Instant now, Duration lease, String messageIdDomain) {
        status = SendStatus.SENDING;
        leaseUntil = now.plus(lease);
        attempts = 1;
        messageId = messageId(requestId, messageIdDomain);
    }

    /** The Message-ID of every attempt of a send (the claim's SQL writes the same). */
    static String messageId(String requestId, String domain) {
        return "<" + requestId + "@" + domain + ">";
    }

    public Map<String, String> context() {
        return context(contextJson, requestId);
    }

    static Map<String, String> context(String contextJson, String requestId) {
        try {
            return JSON.readValue(contextJson, CONTEXT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable context of send request " + requestId);
        }
    }

    /**
     * The instances' sends that have not gone to SMTP yet, locked: a claim that took one first has made it SENDING,
     * and PostgreSQL re-checks the status once that claim commits. The partial index {@code email_send_waiting} holds
     * only such rows.
     */
    @SuppressWarnings("unchecked")
    static List<EmailSend> waitingOf(List<String> instanceIds) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM email_send WHERE instance_id = ANY (?1) AND status IN ('QUEUED', 'DEFERRED')
                FOR UPDATE""", EmailSend.class).setParameter(1, instanceIds.toArray(String[]::new)).getResultList();
    }

    /** Of these request ids, the ones already in the send log. */
    @SuppressWarnings("unchecked")
    static Set<String> existing(List<String> requestIds) {
        return new HashSet<>(getEntityManager().createNativeQuery(
                "SELECT request_id FROM email_send WHERE request_id = ANY (?1)", String.class)
                .setParameter(1, requestIds.toArray(String[]::new)).getResultList());
    }

    /**
     * Per patient, commercial emails that went, or are about to go, out since {@code since}; absent means none. Array
     * parameters keep the statement the same for every batch size (see {@link Recipients}).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Long> commercialSince(List<String> patientIds, Instant since) {
        Map<String, Long> counts = new HashMap<>();
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                SELECT patient_id, count(*) FROM email_send
                WHERE patient_id = ANY (?1) AND commercial AND status = ANY (?2) AND coalesce(sent_at, due_at) > ?3
                GROUP BY patient_id""", Object[].class)
                .setParameter(1, patientIds.toArray(String[]::new))
                .setParameter(2, COUNTED_BY_CAPS.stream().map(Enum::name).toArray(String[]::new))
                .setParameter(3, since)
                .getResultList();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    private static String toJson(Map<String, String> context) {
        try {
            return JSON.writeValueAsString(context == null ? Map.of() : context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("context not serializable", e);
        }
    }
}
