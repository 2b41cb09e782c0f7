package org.patientoutreach.journeys.journey;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The days and local hours the journey's emails may go out, in each patient's timezone, e.g. weekdays 09:00 to 17:00
 * for appointment reminders a clinic's staff must be there to answer. email-service holds an email asked for outside
 * them until the window next opens; transactional email too.
 */
@Schema(description = "Days and local hours (the patient's timezone) the journey's emails may go out in")
public record SendWindow(
        @NotEmpty @Schema(example = "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]")
        List<@NotNull DayOfWeek> days,
        @NotNull @Schema(type = SchemaType.STRING, example = "09:00")
        LocalTime from,
        @NotNull @Schema(type = SchemaType.STRING, example = "17:00",
                description = "Exclusive; after from") LocalTime until) {

    /** As {@code emails.send-requested} carries it: ISO day numbers and minutes of the day. */
    public org.patientoutreach.schemas.SendWindow toRequest() {
        return org.patientoutreach.schemas.SendWindow.newBuilder()
                .setDays(isoDays())
                .setFromMinute(minuteOf(from))
                .setUntilMinute(minuteOf(until))
                .build();
    }

    /** ISO day numbers, Monday 1, each once and in order. */
    public List<Integer> isoDays() {
        return days.stream().distinct().map(DayOfWeek::getValue).sorted().toList();
    }

    /** Minutes of the day, as the window is kept and sent (seconds are not). */
    static int minuteOf(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }
}
