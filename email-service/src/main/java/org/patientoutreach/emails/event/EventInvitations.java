package org.patientoutreach.emails.event;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.patientoutreach.commons.links.LinkPurposes;
import org.patientoutreach.commons.links.LinksConfig;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.emails.personalization.EventValues;

/** Turns a catalog event into what an invitation shows one patient, including that patient's registration link. */
@ApplicationScoped
public class EventInvitations {

    /** The context key with which a journey names the event an email invites to. */
    public static final String EVENT_ID = "eventId";

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy 'at' h:mm a z", Locale.ENGLISH);

    private final SignedLinks links;
    private final Duration defaultTtl;

    public EventInvitations(SignedLinks links, LinksConfig config) {
        this.links = links;
        this.defaultTtl = config.defaultTtl();
    }

    /** {@code patientId} null (a test send as nobody) leaves the registration link out: it is a patient's own. */
    public EventValues valuesFor(CatalogEvent event, String patientId) {
        ZoneId zone = zone(event.timezone);
        return new EventValues(event.title, WHEN.format(event.startsAt.atZone(zone)),
                WHEN.format(event.endsAt.atZone(zone)), event.venue, event.onlineUrl,
                patientId == null ? null : registrationUrl(event, patientId, Instant.now()));
    }

    /** Valid until the event starts, and at least as long as any other link we mail. */
    String registrationUrl(CatalogEvent event, String patientId, Instant now) {
        Duration untilStart = Duration.between(now, event.startsAt);
        Duration ttl = untilStart.compareTo(defaultTtl) > 0 ? untilStart : defaultTtl;
        String token = links.issue(LinkPurposes.EVENT_REGISTRATION, patientId, event.eventId, ttl);
        return event.registrationUrl + (event.registrationUrl.contains("?") ? "&" : "?") + "token=" + token;
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }
}
