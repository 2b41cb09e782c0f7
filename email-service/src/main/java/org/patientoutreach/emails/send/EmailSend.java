package org.patientoutreach.emails.send;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.patientoutreach.schemas.EmailSendRequested;

/** The outcome of one send request. Holds ids only, no address or content. */
@Entity
@Table(name = "email_send")
public class EmailSend extends PanacheEntityBase {

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

    @Enumerated(EnumType.STRING)
    public SendStatus status;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    static EmailSend of(EmailSendRequested request, SendStatus status, String reason, Instant now) {
        EmailSend send = new EmailSend();
        send.requestId = request.getRequestId();
        send.emailId = request.getEmailId();
        send.patientId = request.getPatientId();
        send.journeyId = request.getJourneyId();
        send.instanceId = request.getInstanceId();
        send.stepId = request.getStepId();
        send.status = status;
        send.reason = reason;
        send.createdAt = now;
        send.sentAt = status == SendStatus.SENT ? now : null;
        return send;
    }
}
