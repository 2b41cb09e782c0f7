package org.patientoutreach.segments.rule;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Session settings for compiled rule queries. A rule test inside OR or NOT cannot become a semi-join, so PostgreSQL
 * runs it as a subplan; with the default 4 MB of work_mem the set of a large population's patient ids does not fit a
 * hash table and the subplan is re-run per patient (quadratic). Giving these queries room keeps every subplan hashed:
 * computed once, probed per patient.
 */
public final class SetQueries {

    private SetQueries() {
    }

    /** Call inside the transaction that runs the query; SET LOCAL ends with it. */
    public static void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL work_mem = '256MB'");
        }
    }
}
