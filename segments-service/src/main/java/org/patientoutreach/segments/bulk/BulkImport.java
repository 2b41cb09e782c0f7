package org.patientoutreach.segments.bulk;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "bulk_import")
public class BulkImport extends PanacheEntityBase {

    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED
    }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Status status;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] inputs;
    @Column(name = "resources_read")
    public long resourcesRead;
    @Column(name = "resources_stored")
    public long resourcesStored;
    @Column(name = "patients_stored")
    public long patientsStored;
    @Column(name = "facts_stored")
    public long factsStored;
    @Column(name = "resources_skipped")
    public long resourcesSkipped;
    public long errors;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "error_sample")
    public String[] errorSample;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
