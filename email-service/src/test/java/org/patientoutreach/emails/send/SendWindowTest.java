package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Send windows and how they combine with quiet hours, without any infrastructure. */
class SendWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Weekdays 09:00 to 17:00. */
    private static final SendWindow OFFICE = SendWindow.of(List.of(1, 2, 3, 4, 5), 9 * 60, 17 * 60);
    private static final SendTiming QUIET_21_TO_8 = new SendTiming(new QuietHours(LocalTime.of(21, 0),
            LocalTime.of(8, 0)));

    private static Instant newYork(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
    }

    @Test
    void insideTheWindowNothingWaitsAndBeforeItOpensTheEmailWaitsForTheOpeningThatDay() {
        assertEquals(Optional.empty(), OFFICE.deferUntil(newYork("2026-12-07T09:00"), NEW_YORK), "Monday 09:00");
        assertEquals(Optional.empty(), OFFICE.deferUntil(newYork("2026-12-11T16:59"), NEW_YORK), "Friday 16:59");
        assertEquals(Optional.of(newYork("2026-12-08T09:00")), OFFICE.deferUntil(newYork("2026-12-08T06:30"),
                NEW_YORK), "Tuesday early morning: that morning");
    }

    @Test
    void afterItClosesOrOnADayOutsideItTheEmailWaitsForTheNextDayItOpens() {
        assertEquals(Optional.of(newYork("2026-12-08T09:00")), OFFICE.deferUntil(newYork("2026-12-07T17:00"),
                NEW_YORK), "Monday 17:00, the end exclusive: Tuesday");
        assertEquals(Optional.of(newYork("2026-12-14T09:00")), OFFICE.deferUntil(newYork("2026-12-11T18:00"),
                NEW_YORK), "Friday evening: Monday");
        assertEquals(Optional.of(newYork("2026-12-14T09:00")), OFFICE.deferUntil(newYork("2026-12-13T10:00"),
                NEW_YORK), "Sunday inside the hours: Monday");
    }

    @Test
    void anOpeningInsideADaylightSavingGapIsMovedToARealInstant() {
        SendWindow atTwo = SendWindow.of(List.of(7), 2 * 60 + 30, 4 * 60); // Sundays 02:30 to 04:00
        // 2027-03-14 is the Sunday clocks in New York jump from 02:00 to 03:00
        assertEquals(Optional.of(newYork("2027-03-14T03:30")), atTwo.deferUntil(newYork("2027-03-13T12:00"),
                NEW_YORK));
    }

    @Test
    void inTheHourTheClocksGoBackTheOpeningIsTheOneStillAhead() {
        SendWindow early = SendWindow.of(List.of(1, 2, 3, 4, 5, 6, 7), 90, 180); // 01:30 to 03:00 every day
        // 2026-11-01, New York: 01:00 to 02:00 happens twice; at the second 01:15 (EST) the first 01:30 (EDT) has
        // passed, and the window opens at the second one
        Instant secondQuarterPastOne = ZonedDateTime.of(LocalDateTime.parse("2026-11-01T01:15"), NEW_YORK)
                .withLaterOffsetAtOverlap().toInstant();
        Instant secondHalfPastOne = ZonedDateTime.of(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK)
                .withLaterOffsetAtOverlap().toInstant();
        assertEquals(Optional.of(secondHalfPastOne), early.deferUntil(secondQuarterPastOne, NEW_YORK));
        assertEquals(Optional.of(new SendTiming.Deferral(secondHalfPastOne, SendTiming.SEND_WINDOW)),
                new SendTiming(null).deferral(false, early, NEW_YORK, secondQuarterPastOne));
    }

    @Test
    void aWindowIsKeptAsTextAndReadBackAsItWasAndTheEndOfTheDayIsKept() {
        assertEquals("1,2,3,4,5 09:00-17:00", OFFICE.encode());
        assertEquals(OFFICE, SendWindow.decode(OFFICE.encode()));
        SendWindow wholeSunday = SendWindow.of(List.of(7, 7), 0, 1440);
        assertEquals("7 00:00-24:00", wholeSunday.encode());
        assertEquals(wholeSunday, SendWindow.decode("7 00:00-24:00"));
        assertEquals(Optional.empty(), wholeSunday.deferUntil(newYork("2026-12-13T23:59:59"), NEW_YORK));
        assertEquals(Set.of(DayOfWeek.SUNDAY), wholeSunday.days());
    }

    @Test
    void aRequestsWindowWithoutDaysOrWithDaysOrMinutesOutOfRangeOrClosingBeforeItOpensIsNamed() {
        assertNull(SendWindow.problemOf(List.of(1, 7), 0, 1440));
        assertTrue(SendWindow.problemOf(List.of(), 0, 60).startsWith("sendWindow.days"));
        assertTrue(SendWindow.problemOf(List.of(0), 0, 60).startsWith("sendWindow.days"));
        assertTrue(SendWindow.problemOf(List.of(8), 0, 60).startsWith("sendWindow.days"));
        assertTrue(SendWindow.problemOf(List.of(1), -1, 60).startsWith("sendWindow.fromMinute"));
        assertTrue(SendWindow.problemOf(List.of(1), 600, 600).startsWith("sendWindow.untilMinute"));
        assertTrue(SendWindow.problemOf(List.of(1), 600, 1441).startsWith("sendWindow.untilMinute"));
    }

    @Test
    void aCommercialEmailWaitsForTheFirstMomentOutsideQuietHoursAndInsideItsWindow() {
        SendWindow evenings = SendWindow.of(List.of(1, 2, 3, 4, 5, 6, 7), 18 * 60, 22 * 60);
        // Monday 23:00: quiet until Tuesday 08:00, then the window opens at 18:00
        assertEquals(Optional.of(new SendTiming.Deferral(newYork("2026-12-08T18:00"), SendTiming.QUIET_HOURS)),
                QUIET_21_TO_8.deferral(true, evenings, NEW_YORK, newYork("2026-12-07T23:00")));
        // Monday 21:30 is in the window but quiet; a care email is not held by quiet hours
        assertEquals(Optional.of(new SendTiming.Deferral(newYork("2026-12-08T18:00"), SendTiming.QUIET_HOURS)),
                QUIET_21_TO_8.deferral(true, evenings, NEW_YORK, newYork("2026-12-07T21:30")));
        assertEquals(Optional.empty(), QUIET_21_TO_8.deferral(false, evenings, NEW_YORK,
                newYork("2026-12-07T21:30")));
        assertEquals(Optional.of(new SendTiming.Deferral(newYork("2026-12-07T18:00"), SendTiming.SEND_WINDOW)),
                QUIET_21_TO_8.deferral(false, evenings, NEW_YORK, newYork("2026-12-07T12:00")),
                "a window binds transactional email too");
    }

    @Test
    void aWindowWhollyInsideTheQuietHoursWinsOverThem() {
        SendWindow late = SendWindow.of(List.of(1, 2, 3, 4, 5, 6, 7), 22 * 60, 23 * 60);
        assertEquals(Optional.of(new SendTiming.Deferral(newYork("2026-12-07T22:00"), SendTiming.SEND_WINDOW)),
                QUIET_21_TO_8.deferral(true, late, NEW_YORK, newYork("2026-12-07T12:00")));
        assertEquals(Optional.empty(), QUIET_21_TO_8.deferral(true, late, NEW_YORK, newYork("2026-12-07T22:30")));
    }

    @Test
    void withoutQuietHoursOrAWindowNothingWaits() {
        assertEquals(Optional.empty(), new SendTiming(null).deferral(true, null, NEW_YORK,
                newYork("2026-12-07T03:00")));
        assertEquals(Optional.empty(), QUIET_21_TO_8.deferral(false, null, NEW_YORK, newYork("2026-12-07T03:00")));
    }
}
