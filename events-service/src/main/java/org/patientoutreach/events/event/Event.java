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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
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
    @Column(name = "event_type")
    public EventType type;

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

    @JdbcTypeCode(SqlTypes.JSON)
    public List<EventSession> sessions = List.of();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "registration_questions")
    public List<RegistrationQuestion> registrationQuestions = List.of();

    @Column(name = "template_key")
    public String templateKey;

    @Enumerated(EnumType.STRING)
    public EventStatus status;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

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

    /** Events overlapping [from, to), earliest first; either bound and the status may be absent. */
    static PanacheQuery<Event> overlapping(Instant from, Instant to, EventStatus status) {
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
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        String filter = where.isEmpty() ? "" : String.join(" and ", where) + " ";
        return find(filter + "order by startsAt, id", parameters);
    }

    /** COMPLETED and CANCELLED events are history: no edits, no new registrations. */
    public void requireNotFinal() {
        if (status == EventStatus.CANCELLED || status == EventStatus.COMPLETED) {
            throw ProblemException.conflict("Event " + id + " is " + status);
        }
    }

    /**
     * Registration needs an event that is neither final nor over. Staff may seat patients in a DRAFT (guests of the
     * speakers, patients booked by phone); a patient's own link works only once the event is PUBLISHED.
     */
    public void requireOpenForRegistration(boolean byPatient, Instant now) {
        requireNotFinal();
        if (byPatient && status != EventStatus.PUBLISHED) {
            throw ProblemException.conflict("Event " + id + " is not open for registration yet");
        }
        if (!endsAt.isAfter(now)) {
            throw ProblemException.conflict("Event " + id + " has ended");
        }
    }

    void define(EventDefinition definition) {
        title = definition.title().strip();
        description = definition.description();
        sponsor = definition.sponsor();
        type = definition.typeOrOther();
        format = definition.format();
        startsAt = definition.startsAt();
        endsAt = definition.endsAt();
        timezone = definition.timezoneOrUtc();
        capacity = definition.capacity();
        // Only the fields the format uses are kept, so a VIRTUAL event never shows a stale address.
        joinUrl = format.isOnline() ? definition.joinUrl() : null;
        location = format.hasVenue() ? definition.location() : null;
        sessions = List.copyOf(definition.sessionsOrNone());
        registrationQuestions = List.copyOf(definition.questionsOrNone());
        updatedAt = Instant.now();
    }
}
