package org.patientoutreach.emails.send;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The days and local hours a journey lets its emails go out, e.g. Monday to Friday 09:00 to 17:00 in the patient's
 * own timezone: an email asked for outside them waits for the next opening. Unlike quiet hours it binds
 * transactional email too (the journey asked for it). Kept on the send as text ({@link #encode}), so a send that
 * comes due after a wait is checked against the window again. Pure, so it is tested with plain JUnit.
 */
public record SendWindow(Set<DayOfWeek> days, LocalTime from, LocalTime until) {

    public SendWindow {
        days = days.isEmpty() ? Set.of() : EnumSet.copyOf(days);
        if (days.isEmpty() || !from.isBefore(until)) {
            throw new IllegalArgumentException("a send window needs a day and a start before its end");
        }
    }

    /** Why the window a request carries cannot be used, naming the field; null when it can. */
    static String problemOf(List<Integer> days, int fromMinute, int untilMinute) {
        if (days == null || days.isEmpty() || days.stream().anyMatch(d -> d == null || d < 1 || d > 7)) {
            return "sendWindow.days must hold days 1 (Monday) to 7 (Sunday)";
        }
        if (fromMinute < 0 || fromMinute > 1439) {
            return "sendWindow.fromMinute must be 0 to 1439";
        }
        if (untilMinute <= fromMinute || untilMinute > 1440) {
            return "sendWindow.untilMinute must be after fromMinute and at most 1440";
        }
        return null;
    }

    /** From a request's window, which {@link #problemOf} accepted; 1440 (the end of the day) is kept as 23:59:59.999. */
    static SendWindow of(List<Integer> days, int fromMinute, int untilMinute) {
        return new SendWindow(days.stream().map(DayOfWeek::of).collect(Collectors.toSet()), minute(fromMinute),
                untilMinute >= 1440 ? LocalTime.MAX : minute(untilMinute));
    }

    /** @return when the window next opens in {@code zone}, or empty if {@code now} is inside it */
    public Optional<Instant> deferUntil(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (days.contains(day.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(until)) {
            return Optional.empty();
        }
        LocalDate opening = days.contains(day.getDayOfWeek()) && time.isBefore(from) ? day : day.plusDays(1);
        while (!days.contains(opening.getDayOfWeek())) {
            opening = opening.plusDays(1);
        }
        // ZonedDateTime.of moves a time inside a DST gap forward, so the opening is always a real instant. In the hour
        // the clocks go back, it takes the earlier offset, which may have passed: then the later one.
        ZonedDateTime opens = ZonedDateTime.of(opening, from, zone);
        if (!opens.toInstant().isAfter(now)) {
            opens = opens.withLaterOffsetAtOverlap();
        }
        return opens.toInstant().isAfter(now) ? Optional.of(opens.toInstant()) : Optional.empty();
    }

    /** "1,2,3,4,5 09:00-17:00" (ISO days, Monday 1), as the send log keeps it. */
    public String encode() {
        return days.stream().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining(",")) + " " + from
                + "-" + (until.equals(LocalTime.MAX) ? "24:00" : until);
    }

    public static SendWindow decode(String text) {
        String[] parts = text.split(" ");
        String[] hours = parts[1].split("-");
        return new SendWindow(Arrays.stream(parts[0].split(",")).map(d -> DayOfWeek.of(Integer.parseInt(d)))
                .collect(Collectors.toSet()), LocalTime.parse(hours[0]),
                hours[1].equals("24:00") ? LocalTime.MAX : LocalTime.parse(hours[1]));
    }

    private static LocalTime minute(int minuteOfDay) {
        return LocalTime.of(minuteOfDay / 60, minuteOfDay % 60);
    }
}
