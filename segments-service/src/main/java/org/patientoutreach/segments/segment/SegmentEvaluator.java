package org.patientoutreach.segments.segment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;

/**
 * Recomputes a segment's members in one statement: the segment query gives today's set, and a data-modifying CTE
 * inserts who entered and deletes who left, returning both. Each change becomes a membership event in the same
 * transaction, so members and events never disagree.
 */
@ApplicationScoped
public class SegmentEvaluator {

    static final String MEMBERSHIP_TOPIC = "segments.membership-changed";
    private static final Logger LOG = Logger.getLogger(SegmentEvaluator.class);

    private final DataSource dataSource;
    private final Outbox outbox;
    private final AtomicBoolean stale = new AtomicBoolean();

    @Inject
    public SegmentEvaluator(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    @Transactional
    public EvaluationView evaluate(UUID segmentId, String reason) {
        Segment segment = Segment.findById(segmentId, LockModeType.PESSIMISTIC_WRITE);
        if (segment == null) {
            throw ProblemException.notFound("segment", segmentId);
        }
        UUID evaluationId = UUID.randomUUID();
        Instant started = Instant.now();
        SegmentQuery query = SegmentQuery.of(segment.definition);
        String sql = "WITH target AS (" + query.sql() + "), "
                + "entered AS (INSERT INTO segment_member (segment_id, patient_id, entered_at) "
                + "  SELECT ?, id, now() FROM target ON CONFLICT DO NOTHING RETURNING patient_id), "
                + "exited AS (DELETE FROM segment_member m WHERE m.segment_id = ? "
                + "  AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = m.patient_id) RETURNING patient_id) "
                + "SELECT 'ENTERED', patient_id FROM entered UNION ALL SELECT 'EXITED', patient_id FROM exited";
        int entered = 0;
        int exited = 0;
        int members;
        try (Connection c = dataSource.getConnection()) {
            List<String[]> changes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(c, ps, query.parameters());
                ps.setObject(i++, segmentId);
                ps.setObject(i, segmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new String[] { rs.getString(1), rs.getString(2) });
                    }
                }
            }
            for (String[] change : changes) {
                MembershipChange kind = MembershipChange.valueOf(change[0]);
                if (kind == MembershipChange.ENTERED) {
                    entered++;
                } else {
                    exited++;
                }
                outbox.publish(MEMBERSHIP_TOPIC, change[1], SegmentMembershipChanged.newBuilder()
                        .setEventId(UUID.randomUUID().toString())
                        .setSegmentId(segmentId.toString())
                        .setPatientId(change[1])
                        .setChange(kind)
                        .setEvaluationId(evaluationId.toString())
                        .setAt(started)
                        .build());
            }
            members = count(c, segmentId);
            Instant finished = Instant.now();
            record(c, evaluationId, segmentId, reason, members, entered, exited, started, finished);
            segment.memberCount = members;
            segment.lastEvaluatedAt = finished;
            LOG.infof("segment %s evaluated (%s): %d members, %d entered, %d exited", segmentId, reason, members,
                    entered, exited);
            return new EvaluationView(evaluationId, segmentId, reason, members, entered, exited, started, finished);
        } catch (SQLException e) {
            throw new IllegalStateException("evaluation of segment " + segmentId + " failed: SQLState " + e.getSQLState(), e);
        }
    }

    /** Size of a definition's population right now, without storing anything. */
    @Transactional
    public int preview(SegmentDefinition definition) {
        SegmentQuery query = SegmentQuery.of(definition);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + query.sql() + ") t")) {
            bind(c, ps, query.parameters());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("preview failed: SQLState " + e.getSQLState(), e);
        }
    }

    /** Re-evaluates every live segment, each in its own transaction; returns how many it evaluated. */
    public int evaluateLive(String reason) {
        List<UUID> live = QuarkusTransaction.requiringNew().call(() -> Segment.<Segment>list("status", SegmentStatus.LIVE)
                .stream().map(s -> s.id).toList());
        for (UUID id : live) {
            QuarkusTransaction.requiringNew().run(() -> evaluate(id, reason));
        }
        return live.size();
    }

    /** Called when facts changed outside a request; the scheduler below catches live segments up. */
    public void markStale() {
        stale.set(true);
    }

    @Scheduled(every = "${segments.feed-evaluation-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void catchUp() {
        if (stale.getAndSet(false)) {
            evaluateLive("FHIR_FEED");
        }
    }

    private static int bind(Connection c, PreparedStatement ps, List<Object> parameters) throws SQLException {
        int i = 1;
        for (Object p : parameters) {
            if (p instanceof String[] array) {
                ps.setArray(i++, c.createArrayOf("text", array));
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }

    private static int count(Connection c, UUID segmentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM segment_member WHERE segment_id = ?")) {
            ps.setObject(1, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void record(Connection c, UUID id, UUID segmentId, String reason, int members, int entered,
            int exited, Instant started, Instant finished) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO segment_evaluation (id, segment_id, reason, members, entered, exited, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, segmentId);
            ps.setString(3, reason);
            ps.setInt(4, members);
            ps.setInt(5, entered);
            ps.setInt(6, exited);
            ps.setTimestamp(7, Timestamp.from(started));
            ps.setTimestamp(8, Timestamp.from(finished));
            ps.executeUpdate();
        }
    }
}
