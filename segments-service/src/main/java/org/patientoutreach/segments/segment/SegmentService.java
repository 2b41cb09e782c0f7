package org.patientoutreach.segments.segment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;

@ApplicationScoped
public class SegmentService {

    @Inject
    EntityManager em;
    @Inject
    SegmentEvaluator evaluator;
    @Inject
    SegmentCatalog catalog;

    @Transactional
    public SegmentView create(SegmentRequest request) {
        evaluator.check(request.definition());
        Segment segment = new Segment();
        segment.id = UUID.randomUUID();
        segment.name = request.name();
        segment.description = request.description();
        segment.definition = request.definition();
        segment.status = SegmentStatus.DRAFT;
        segment.persist();
        catalog.publish(segment);
        return SegmentView.of(segment);
    }

    @Transactional
    public SegmentView get(UUID id) {
        return SegmentView.of(find(id));
    }

    @Transactional
    public Page<SegmentView> list(int page, int size) {
        return Page.of(Segment.<Segment>findAll(io.quarkus.panache.common.Sort.descending("createdAt").and("id")), page,
                size).map(SegmentView::of);
    }

    /** Edits a segment; a live one is re-evaluated at once, so members follow the new definition. */
    public SegmentView update(UUID id, SegmentRequest request) {
        boolean live = updateDefinition(id, request);
        if (live) {
            evaluator.evaluate(id, "DEFINITION_CHANGED");
        }
        return get(id);
    }

    @Transactional
    boolean updateDefinition(UUID id, SegmentRequest request) {
        if (request.version() == null) {
            throw ProblemException.badField("version", "is required to edit a segment");
        }
        Segment segment = find(id);
        if (segment.version != request.version()) {
            throw ProblemException.conflict("segment " + id + " was changed by someone else (version "
                    + segment.version + ", you sent " + request.version() + ")");
        }
        if (segment.status == SegmentStatus.ARCHIVED) {
            throw ProblemException.conflict("segment " + id + " is archived");
        }
        evaluator.check(request.definition());
        segment.name = request.name();
        segment.description = request.description();
        segment.definition = request.definition();
        segment.updatedAt = Instant.now();
        catalog.publish(segment);
        return segment.status == SegmentStatus.LIVE;
    }

    /** Goes live and evaluates at once: every current member gets an ENTERED event. */
    public EvaluationView activate(UUID id) {
        setStatus(id, SegmentStatus.LIVE);
        return evaluator.evaluate(id, "ACTIVATED");
    }

    /** Stops evaluation and events; members are kept as they are until the segment is activated again. */
    @Transactional
    public SegmentView pause(UUID id) {
        Segment segment = find(id);
        if (segment.status != SegmentStatus.LIVE) {
            throw ProblemException.conflict("segment " + id + " is " + segment.status + "; only a live segment can pause");
        }
        segment.status = SegmentStatus.PAUSED;
        segment.updatedAt = Instant.now();
        catalog.publish(segment);
        return SegmentView.of(segment);
    }

    @Transactional
    public SegmentView archive(UUID id) {
        Segment segment = find(id);
        segment.status = SegmentStatus.ARCHIVED;
        segment.updatedAt = Instant.now();
        catalog.publish(segment);
        return SegmentView.of(segment);
    }

    public EvaluationView evaluate(UUID id) {
        if (get(id).status() != SegmentStatus.LIVE) {
            throw ProblemException.conflict("segment " + id + " is not live; preview it instead");
        }
        return evaluator.evaluate(id, "MANUAL");
    }

    @Transactional
    public Page<MemberView> members(UUID id, int page, int size) {
        find(id);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT patient_id, entered_at FROM segment_member WHERE segment_id = ?1
                ORDER BY entered_at, patient_id OFFSET ?2 LIMIT ?3""", Object[].class)
                .setParameter(1, id).setParameter(2, (long) page * size).setParameter(3, size)
                .getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM segment_member WHERE segment_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        List<MemberView> items = rows.stream()
                .map(r -> new MemberView((String) r[0], toInstant(r[1])))
                .toList();
        return new Page<>(items, page, size, total);
    }

    @Transactional
    void setStatus(UUID id, SegmentStatus status) {
        Segment segment = find(id);
        if (segment.status == SegmentStatus.ARCHIVED) {
            throw ProblemException.conflict("segment " + id + " is archived");
        }
        segment.status = status;
        segment.updatedAt = Instant.now();
        catalog.publish(segment);
    }

    private static Segment find(UUID id) {
        Segment segment = Segment.findById(id);
        if (segment == null) {
            throw ProblemException.notFound("segment", id);
        }
        return segment;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
