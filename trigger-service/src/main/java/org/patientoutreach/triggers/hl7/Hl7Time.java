package org.patientoutreach.triggers.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** HL7 v2 DTM ({@code YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]}) to an Instant; null when absent or malformed. */
final class Hl7Time {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Hl7Time() {
    }

    static Instant parse(String dtm, ZoneId defaultZone) {
        if (dtm == null || dtm.isBlank()) {
            return null;
        }
        String s = dtm.strip();
        ZoneId zone = defaultZone;
        int sign = Math.max(s.indexOf('+'), s.indexOf('-'));
        if (sign > 0) {
            String offset = s.substring(sign);
            s = s.substring(0, sign);
            if (offset.length() != 5) {
                return null;
            }
            zone = ZoneOffset.of(offset.substring(0, 3) + ":" + offset.substring(3));
        }
        int dot = s.indexOf('.');
        String fraction = dot < 0 ? "" : s.substring(dot + 1);
        String digits = dot < 0 ? s : s.substring(0, dot);
        if (digits.length() < 4 || digits.length() > 14 || digits.length() % 2 != 0 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        // pad missing month/day with 01 and missing time with 0
        String padded = digits + "0101000000".substring(Math.max(0, digits.length() - 4));
        try {
            LocalDateTime local = LocalDateTime.parse(padded.substring(0, 14), FULL);
            if (!fraction.isEmpty() && fraction.chars().allMatch(Character::isDigit)) {
                local = local.plusNanos((long) (Double.parseDouble("0." + fraction) * 1_000_000_000L));
            }
            return local.atZone(zone).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
