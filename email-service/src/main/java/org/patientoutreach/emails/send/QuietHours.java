package org.patientoutreach.emails.send;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Local hours in which no commercial email goes out, e.g. 21:00 to 08:00 (spanning midnight) in the patient's own
 * timezone. Pure, so it is tested with plain JUnit.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** @return when the quiet hours around {@code now} end in {@code zone}, or empty if {@code now} is not in them */
    public Optional<Instant> deferUntil(Instant now, ZoneId zone) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean spansMidnight = start.isAfter(end);
        boolean quiet = spansMidnight
                ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDate day = local.toLocalDate();
        if (spansMidnight && !time.isBefore(start)) {
            day = day.plusDays(1); // late evening: the quiet hours end tomorrow morning
        }
        // ZonedDateTime.of moves a time inside a DST gap forward, so the end is always a real instant.
        return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
    }
}
