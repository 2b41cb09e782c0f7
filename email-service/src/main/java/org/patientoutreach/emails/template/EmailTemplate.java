package org.patientoutreach.emails.template;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An email a marketer writes once and journeys send to many patients, personalized per patient. */
@Entity
@Table(name = "email_template")
public class EmailTemplate extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String subject;

    @Column(name = "html_body")
    public String htmlBody;

    @Column(name = "text_body")
    public String textBody;

    /** Marketing rather than care content: consent, frequency caps and quiet hours apply to it. */
    public boolean commercial;

    /** Display name of the sender; the service's default when null. */
    @Column(name = "from_name")
    public String fromName;

    /** Sender address; the service's {@code emails.from} when null. */
    @Column(name = "from_address")
    public String fromAddress;

    /** The sender's physical postal address, which the footer must show (CAN-SPAM) before the email is READY. */
    @Column(name = "sender_postal_address")
    public String senderPostalAddress;

    @Enumerated(EnumType.STRING)
    public TemplateStatus status;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isReady() {
        return status == TemplateStatus.READY;
    }
}
