package org.patientoutreach.events.invitation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.patientoutreach.commons.links.LinkPurposes;
import org.patientoutreach.commons.links.LinksConfig;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.events.EventsConfig;
import org.patientoutreach.events.event.Event;

/**
 * Signed registration links: a link binds one patient to one event, so whoever holds it can register that patient
 * for that event and nothing else. It stays valid until the event starts, and at least the platform's default link
 * lifetime (registration itself is refused once the event has ended).
 */
@ApplicationScoped
public class Invitations {

    public static final String PURPOSE = LinkPurposes.EVENT_REGISTRATION;

    private final SignedLinks links;
    private final Duration defaultTtl;
    private final String base;

    Invitations(SignedLinks links, LinksConfig linksConfig, EventsConfig config) {
        this.links = links;
        this.defaultTtl = linksConfig.defaultTtl();
        String url = config.publicBaseUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Transactional
    public InvitationView invite(UUID eventId, String patientId) {
        Event event = Event.require(eventId);
        Instant now = Instant.now();
        // The link would be refused until the event is published, so none is issued before.
        event.requireOpenForRegistration(true, now);
        Duration untilStart = Duration.between(now, event.startsAt);
        String token = links.issue(PURPOSE, patientId, eventId.toString(),
                untilStart.compareTo(defaultTtl) > 0 ? untilStart : defaultTtl);
        // Read back from the token itself, so the answer states exactly the expiry the link carries.
        Instant expiresAt = links.verify(token, PURPOSE).expiresAt();
        return new InvitationView(base + "/api/public/events/" + eventId + "/registrations?token=" + token, token,
                expiresAt);
    }
}
