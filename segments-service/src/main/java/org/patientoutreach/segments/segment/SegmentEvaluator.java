package org.patientoutreach.segments.segment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.segments.rule.SetQueries;

/**
 * Recomputes a segment's members in one statement: the segment query gives today's set, and a data-modifying CTE
 * inserts who entered and deletes who left, returning both. Each change becomes a membership event in the same
 * transaction, so members and events never disagree.
 */
@ApplicationScoped
public class SegmentEvaluator {

    static final String MEMBERSHIP_TOPIC = "segments.membership-changed";
    private static final Logger LOG = Logger.getLogger(SegmentEvaluator.class);
    private static final int EVENT_CHUNK = 20_000;

    private final DataSource dataSource;
    private final Outbox outbox;
    private final SegmentRuleResolver resolver;
    private final Clock clock;
    /** Patients whose data changed since the last incremental pass; drained by one worker so passes coalesce. */
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "segment-incremental"));

    @Inject
    public SegmentEvaluator(DataSource dataSource, Outbox outbox, SegmentRuleResolver resolver) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.resolver = resolver;
        this.clock = Clock.systemUTC();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Full evaluation: every patient. */
    @Transactional
    public EvaluationView evaluate(UUID segmentId, String reason) {
        return evaluate(segmentId, reason, null);
    }

    /**
     * Recomputes membership. With {@code patients}, only those patients are reconsidered (an incremental pass after
     * their data changed); everyone else keeps their membership.
     */
    @Transactional
    public EvaluationView evaluate(UUID segmentId, String reason, String[] patients) {
        Segment segment = Segment.findById(segmentId, LockModeType.PESSIMISTIC_WRITE);
        if (segment == null) {
            throw ProblemException.notFound("segment", segmentId);
        }
        UUID evaluationId = UUID.randomUUID();
        Instant started = Instant.now();
        SegmentQuery query = SegmentQuery.of(segment.definition, resolver, LocalDate.now(clock), patients);
        String scope = patients == null ? "" : " AND m.patient_id = ANY (?)";
        String sql = "WITH target AS (" + query.sql() + "), "
                + "entered AS (INSERT INTO segment_member (segment_id, patient_id, entered_at) "
                + "  SELECT ?, id, now() FROM target ON CONFLICT DO NOTHING RETURNING patient_id), "
                + "exited AS (DELETE FROM segment_member m WHERE m.segment_id = ?" + scope
                + "  AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = m.patient_id) RETURNING patient_id) "
                + "SELECT 'ENTERED', patient_id FROM entered UNION ALL SELECT 'EXITED', patient_id FROM exited";
        int entered = 0;
        int exited = 0;
        int members;
        try (Connection c = dataSource.getConnection()) {
            SetQueries.prepare(c);
            List<String[]> changes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(c, ps, query.parameters());
                ps.setObject(i++, segmentId);
                ps.setObject(i++, segmentId);
                if (patients != null) {
                    ps.setArray(i, c.createArrayOf("text", patients));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new String[] { rs.getString(1), rs.getString(2) });
                    }
                }
            }
            // One COPY per chunk of events: a segment going live over hundreds of thousands of patients must not
            // cost one INSERT per member. Keys are patient ids, unique within one evaluation.
            Map<String, SegmentMembershipChanged> events = new LinkedHashMap<>();
            for (String[] change : changes) {
                MembershipChange kind = MembershipChange.valueOf(change[0]);
                if (kind == MembershipChange.ENTERED) {
                    entered++;
                } else {
                    exited++;
                }
                events.put(change[1], SegmentMembershipChanged.newBuilder()
                        .setEventId(UUID.randomUUID().toString())
                        .setSegmentId(segmentId.toString())
                        .setPatientId(change[1])
                        .setChange(kind)
                        .setEvaluationId(evaluationId.toString())
                        .setAt(started)
                        .build());
                if (events.size() == EVENT_CHUNK) {
                    outbox.publishAll(MEMBERSHIP_TOPIC, events);
                    events.clear();
                }
            }
            outbox.publishAll(MEMBERSHIP_TOPIC, events);
            members = count(c, segmentId);
            Instant finished = Instant.now();
            record(c, evaluationId, segmentId, reason, members, entered, exited, started, finished);
            segment.memberCount = members;
            segment.lastEvaluatedAt = finished;
            if (patients == null || entered + exited > 0) {
                LOG.infof("segment %s evaluated (%s): %d members, %d entered, %d exited", segmentId, reason, members,
                        entered, exited);
            }
            return new EvaluationView(evaluationId, segmentId, reason, members, entered, exited, started, finished);
        } catch (SQLException e) {
            throw new IllegalStateException("evaluation of segment " + segmentId + " failed: SQLState " + e.getSQLState(), e);
        }
    }

    /** Size of a definition's population right now and a sample of its members, without storing anything. */
    @Transactional
    public Preview preview(SegmentDefinition definition, int sampleSize) {
        SegmentQuery query = SegmentQuery.of(definition, resolver, LocalDate.now(clock), null);
        try (Connection c = dataSource.getConnection()) {
            SetQueries.prepare(c);
            int size;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + query.sql() + ") t")) {
                bind(c, ps, query.parameters());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    size = rs.getInt(1);
                }
            }
            List<String> sample = new ArrayList<>();
            if (sampleSize > 0) {
                try (PreparedStatement ps = c.prepareStatement(query.sql() + " ORDER BY p.id LIMIT ?")) {
                    int i = bind(c, ps, query.parameters());
                    ps.setInt(i, sampleSize);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sample.add(rs.getString(1));
                        }
                    }
                }
            }
            return new Preview(size, sample);
        } catch (SQLException e) {
            throw new IllegalStateException("preview failed: SQLState " + e.getSQLState(), e);
        }
    }

    /** A definition's population size and a few member ids. */
    public record Preview(int size, List<String> sample) {
    }

    /** Compiles a definition, so an invalid rule is refused (400 naming its path) before it is stored. */
    public void check(SegmentDefinition definition) {
        SegmentQuery.of(definition, resolver, LocalDate.now(clock), null);
    }

    /** Re-evaluates every live segment, each in its own transaction; returns how many it evaluated. */
    public int evaluateLive(String reason) {
        return evaluateLive(reason, null);
    }

    /** Re-evaluates every live segment for {@code patients} only (all patients when null). */
    public int evaluateLive(String reason, String[] patients) {
        List<UUID> live = QuarkusTransaction.requiringNew().call(() -> Segment.<Segment>list(
                "status = ?1 order by createdAt", SegmentStatus.LIVE).stream().map(s -> s.id).toList());
        for (UUID id : live) {
            QuarkusTransaction.requiringNew().run(() -> evaluate(id, reason, patients));
        }
        return live.size();
    }

    /**
     * Called after these patients' data changed and committed: an incremental pass over every live segment runs at
     * once on the worker, and changes arriving meanwhile are folded into the next pass.
     */
    public void patientsChanged(Collection<String> patientIds) {
        changed.addAll(patientIds);
        if (draining.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (!changed.isEmpty()) {
                String[] batch = changed.toArray(String[]::new);
                changed.removeAll(List.of(batch));
                evaluateLive("DATA_CHANGED", batch);
            }
        } catch (RuntimeException e) {
            LOG.warnf("incremental evaluation failed (%s); the scheduled full evaluation will catch up",
                    e.getClass().getSimpleName());
        } finally {
            draining.set(false);
            if (!changed.isEmpty() && draining.compareAndSet(false, true)) {
                worker.execute(this::drain);
            }
        }
    }

    /** The safety net: full evaluation of every live segment on a schedule (and after time-based windows move). */
    @Scheduled(every = "${segments.full-evaluation-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFullEvaluation() {
        evaluateLive("SCHEDULED");
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
