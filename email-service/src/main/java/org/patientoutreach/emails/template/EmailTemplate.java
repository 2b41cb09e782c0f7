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

    public boolean commercial;

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
