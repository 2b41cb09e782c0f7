package org.patientoutreach.emails.analytics;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.security.Roles;

/** Per-email and per-journey outcome counts and engagement rates, computed from the send log. */
@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
@Tag(name = "Analytics",
        description = "Sent, suppressed, failed, bounced, complaints, unique opens and clicks, their rates, "
                + "and clicks per link")
public class AnalyticsResource {

    private static final String COUNTS = """
            SELECT count(*), count(*) FILTER (WHERE status = 'SENT'), count(*) FILTER (WHERE status = 'SUPPRESSED'),
                   count(*) FILTER (WHERE status = 'FAILED'), count(opened_at), count(clicked_at),
                   count(*) FILTER (WHERE feedback IN ('SOFT_BOUNCE', 'HARD_BOUNCE')),
                   count(*) FILTER (WHERE feedback = 'COMPLAINT')
            FROM email_send WHERE %s = :id""";
    private static final String REASONS = """
            SELECT reason, count(*) FROM email_send WHERE %s = :id AND status = 'SUPPRESSED' GROUP BY reason""";
    private static final String LINKS = """
            SELECT c.url, count(*), sum(c.clicks) FROM email_link_click c JOIN email_send s USING (request_id)
            WHERE s.%s = :id GROUP BY c.url ORDER BY count(*) DESC, c.url LIMIT :max""";

    @GET
    @Path("/emails/{emailId}")
    @Transactional
    @Operation(summary = "Outcomes and engagement of one email across all journeys; zeros for an email never sent")
    public EmailStats email(@PathParam("emailId") String emailId) {
        return EmailStats.of(emailId, null, counts("email_id", emailId), reasons("email_id", emailId),
                links("email_id", emailId));
    }

    @GET
    @Path("/journeys/{journeyId}")
    @Transactional
    @Operation(summary = "Outcomes and engagement of every email one journey sent; zeros for an unknown journey")
    public EmailStats journey(@PathParam("journeyId") String journeyId) {
        return EmailStats.of(null, journeyId, counts("journey_id", journeyId), reasons("journey_id", journeyId),
                links("journey_id", journeyId));
    }

    private static long[] counts(String column, String id) {
        Object[] row = (Object[]) Panache.getEntityManager().createNativeQuery(COUNTS.formatted(column))
                .setParameter("id", id).getSingleResult();
        long[] counts = new long[row.length];
        for (int i = 0; i < row.length; i++) {
            counts[i] = ((Number) row[i]).longValue();
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> reasons(String column, String id) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(REASONS.formatted(column))
                .setParameter("id", id).getResultList();
        Map<String, Long> byReason = new TreeMap<>();
        rows.forEach(row -> byReason.put(String.valueOf(row[0]), ((Number) row[1]).longValue()));
        return byReason;
    }

    @SuppressWarnings("unchecked")
    private static List<EmailStats.LinkClick> links(String column, String id) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(LINKS.formatted(column))
                .setParameter("id", id).setParameter("max", EmailStats.MAX_LINKS).getResultList();
        return rows.stream().map(row -> new EmailStats.LinkClick(String.valueOf(row[0]),
                ((Number) row[1]).longValue(), ((Number) row[2]).longValue())).toList();
    }
}
