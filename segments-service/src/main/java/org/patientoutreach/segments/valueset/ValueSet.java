package org.patientoutreach.segments.valueset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored value set; its codes live in {@code value_set_code}, written and read by {@link ValueSetStore}. */
@Entity
@Table(name = "value_set")
public class ValueSet extends PanacheEntityBase {

    @Id
    public String id;
    public String url;
    public String version;
    public String name;
    public String title;
    public String source;
    @Column(name = "code_count")
    public int codeCount;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
