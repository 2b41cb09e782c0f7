package org.patientoutreach.events.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.problem.ProblemException;

class AttendanceReportTest {

    @Test
    void withoutAHeaderTheFirstColumnNamesTheAttendee() {
        assertEquals(List.of(new AttendanceReport.Row(1, "p-1"), new AttendanceReport.Row(3, "p-2")),
                AttendanceReport.parse("p-1,55\n\n p-2 ;40\n"));
    }

    @Test
    void aHeaderPicksThePatientOrRegistrationColumnAndQuotedCellsKeepTheirCommas() {
        String report = "\"Name, full\",Email,Patient ID\r\n\"Doe, Jane\",x@example.org,p-7\r\n\"A \"\"B\"\"\",,p-8\r\n";
        assertEquals(List.of(new AttendanceReport.Row(2, "p-7"), new AttendanceReport.Row(3, "p-8")),
                AttendanceReport.parse(report));
    }

    @Test
    void anEmptyReportOrAnUnclosedQuoteIsA400NamingTheBody() {
        assertEquals("body", assertThrows(ProblemException.class, () -> AttendanceReport.parse("patientId\n"))
                .problem().errors().get(0).field());
        assertEquals("body", assertThrows(ProblemException.class, () -> AttendanceReport.parse("\"p-1\n"))
                .problem().errors().get(0).field());
    }
}
