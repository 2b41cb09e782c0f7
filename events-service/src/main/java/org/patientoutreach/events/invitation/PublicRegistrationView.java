package org.patientoutreach.events.invitation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.events.registration.RegistrationStatus;

/** What the patient may learn about their own registration: no ids, no names. */
public record PublicRegistrationView(
        RegistrationStatus status,
        @Schema(description = "1-based place in the waitlist; null unless WAITLISTED", nullable = true)
        Integer waitlistPosition) {
}
