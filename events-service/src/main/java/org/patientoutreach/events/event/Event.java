package org.patientoutreach.events.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.commons.problem.ProblemException;

@Entity
@Table(name = "event")
public class Event extends PanacheEntityBase {

    @Id
    public UUID id;

    public String title;
    public String description;

    @Enumerated(EnumType.STRING)
    public Sponsor sponsor;

    @Enumerated(EnumType.STRING)
    public EventFormat format;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public String timezone;
    public int capacity;

    @Column(name = "join_url")
    public String joinUrl;

    public String location;

    @Enumerated(EnumType.STRING)
    public EventStatus status;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Event require(UUID id) {
        return require(id, LockModeType.NONE);
    }

    /**
     * Loads the event holding its row lock ({@code SELECT ... FOR UPDATE}) until the transaction ends. Every change to
     * the event's registrations takes this lock first, which serialises them per event: seat counts read under it
     * are exact.
     */
    public static Event requireLocked(UUID id) {
        return require(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Event require(UUID id, LockModeType lock) {
        return Optional.<Event>ofNullable(findById(id, lock)).orElseThrow(() -> ProblemException.notFound("Event", id));
    }

    /** Events overlapping [from, to), earliest first; either bound may be absent. */
    static PanacheQuery<Event> overlapping(Instant from, Instant to) {
        // Built from the bounds present: PostgreSQL cannot type a null parameter in ":from is null".
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (from != null) {
            where.add("endsAt > :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.add("startsAt < :to");
            parameters.and("to", to);
        }
        String filter = where.isEmpty() ? "" : String.join(" and ", where) + " ";
        return find(filter + "order by startsAt, id", parameters);
    }

    public void requireScheduled() {
        if (status == EventStatus.CANCELLED) {
            throw ProblemException.conflict("Event " + id + " is cancelled");
        }
    }

    void define(EventDefinition definition) {
        title = definition.title().strip();
        description = definition.description();
        sponsor = definition.sponsor();
        format = definition.format();
        startsAt = definition.startsAt();
        endsAt = definition.endsAt();
        timezone = definition.timezoneOrUtc();
        capacity = definition.capacity();
        // Only the field the format uses is kept, so a VIRTUAL event never shows a stale address.
        joinUrl = format == EventFormat.VIRTUAL ? definition.joinUrl() : null;
        location = format == EventFormat.IN_PERSON ? definition.location() : null;
        updatedAt = Instant.now();
    }
}
