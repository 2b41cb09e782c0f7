package org.patientoutreach.segments.measure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.segments.rule.Rule;
import org.patientoutreach.segments.rule.RuleCompiler;
import org.patientoutreach.segments.rule.SetQueries;
import org.patientoutreach.segments.rule.SqlExpr;
import org.patientoutreach.segments.segment.SegmentRuleResolver;

/**
 * Counts a measure's populations in one pass: the eligible patients are selected once and each is flagged excluded
 * and numerator-met, so eligible, excluded, met and gap come from a single scan.
 */
@ApplicationScoped
public class MeasureReports {

    private final DataSource dataSource;
    private final MeasureLibrary library;
    private final SegmentRuleResolver resolver;

    @Inject
    public MeasureReports(DataSource dataSource, MeasureLibrary library, SegmentRuleResolver resolver) {
        this.dataSource = dataSource;
        this.library = library;
        this.resolver = resolver;
    }

    public Measure require(String id) {
        return library.find(id).orElseThrow(() -> ProblemException.notFound("measure", id));
    }

    @Transactional
    public MeasureReportView report(String measureId, int year) {
        Measure measure = require(measureId);
        long started = System.nanoTime();
        LocalDate asOf = LocalDate.of(year, 12, 31);
        SqlExpr eligible = RuleCompiler.compile(measure.eligible().apply(year), "eligible", resolver, asOf);
        SqlExpr excluded = RuleCompiler.compile(measure.excluded().apply(year), "excluded", resolver, asOf);
        SqlExpr numerator = RuleCompiler.compile(measure.numerator().apply(year), "numerator", resolver, asOf);
        String sql = "SELECT count(*), count(*) FILTER (WHERE x), count(*) FILTER (WHERE NOT x AND n) FROM ("
                + "SELECT (" + excluded.sql() + ") AS x, (" + numerator.sql() + ") AS n FROM patient p WHERE ("
                + eligible.sql() + ") OFFSET 0) e"; // OFFSET 0: computes x and n once per patient instead of inlining them twice
        List<Object> parameters = new ArrayList<>(excluded.parameters());
        parameters.addAll(numerator.parameters());
        parameters.addAll(eligible.parameters());
        try (Connection c = dataSource.getConnection()) {
            SetQueries.prepare(c);
            return count(c, sql, parameters, measure, year, started);
        } catch (SQLException e) {
            throw new IllegalStateException("measure report failed: SQLState " + e.getSQLState(), e);
        }
    }

    private static MeasureReportView count(Connection c, String sql, List<Object> parameters, Measure measure, int year,
            long started) throws SQLException {
        LocalDate asOf = LocalDate.of(year, 12, 31);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : parameters) {
                ps.setObject(i++, p instanceof String[] a ? c.createArrayOf("text", a) : p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long eligibleCount = rs.getLong(1);
                long excludedCount = rs.getLong(2);
                long met = rs.getLong(3);
                long denominator = eligibleCount - excludedCount;
                long gap = measure.inverse() ? met : denominator - met;
                return new MeasureReportView(measure.id(), LocalDate.of(year, 1, 1), asOf, eligibleCount,
                        excludedCount, denominator, met, gap, denominator == 0 ? null : (double) met / denominator,
                        measure.inverse(), Instant.now(), (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    public List<MeasureReportView> reportAll(int year) {
        return library.all().stream().map(m -> report(m.id(), year)).toList();
    }

    /** Reused by the care-gap segment endpoint. */
    public Rule gapRule(String measureId, Integer year) {
        return new Rule.CareGap(require(measureId).id(), year, Rule.Population.GAP);
    }
}
