package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final QuietHours nights = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    private static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    @Test
    void lateEveningWaitsUntilTomorrowMorningInThePatientsZone() {
        assertEquals(Optional.of(at("2026-03-04T08:00", NEW_YORK)),
                nights.deferUntil(at("2026-03-03T22:30", NEW_YORK), NEW_YORK));
    }

    @Test
    void earlyMorningWaitsUntilEightTheSameDay() {
        assertEquals(Optional.of(at("2026-03-03T08:00", NEW_YORK)),
                nights.deferUntil(at("2026-03-03T03:15", NEW_YORK), NEW_YORK));
    }

    @Test
    void daytimeIsNotQuietAndTheBoundariesBelongToTheDay() {
        assertTrue(nights.deferUntil(at("2026-03-03T12:00", NEW_YORK), NEW_YORK).isEmpty());
        assertTrue(nights.deferUntil(at("2026-03-03T08:00", NEW_YORK), NEW_YORK).isEmpty());
        assertTrue(nights.deferUntil(at("2026-03-03T20:59", NEW_YORK), NEW_YORK).isEmpty());
        assertTrue(nights.deferUntil(at("2026-03-03T21:00", NEW_YORK), NEW_YORK).isPresent());
    }

    @Test
    void theSameInstantIsQuietForOnePatientAndNotForAnother() {
        Instant noonInNewYork = at("2026-03-03T12:00", NEW_YORK);
        ZoneId tokyo = ZoneId.of("Asia/Tokyo"); // 02:00 there
        assertTrue(nights.deferUntil(noonInNewYork, NEW_YORK).isEmpty());
        assertEquals(Optional.of(at("2026-03-04T08:00", tokyo)), nights.deferUntil(noonInNewYork, tokyo));
    }

    @Test
    void aWindowWithinOneDayAndAnEmptyWindowWork() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        assertEquals(Optional.of(at("2026-03-03T13:00", NEW_YORK)),
                lunch.deferUntil(at("2026-03-03T12:30", NEW_YORK), NEW_YORK));
        assertTrue(lunch.deferUntil(at("2026-03-03T23:30", NEW_YORK), NEW_YORK).isEmpty());
        assertTrue(new QuietHours(LocalTime.NOON, LocalTime.NOON)
                .deferUntil(at("2026-03-03T12:00", NEW_YORK), NEW_YORK).isEmpty());
    }
}
