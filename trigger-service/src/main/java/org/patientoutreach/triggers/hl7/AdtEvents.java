package org.patientoutreach.triggers.hl7;

import java.util.Map;
import org.patientoutreach.schemas.InteractionType;

/** The ADT trigger events we take in, and the interaction each one is. Anything else is refused with AR. */
final class AdtEvents {

    static final Map<String, InteractionType> TYPES = Map.of(
            "A04", InteractionType.CHECKED_IN,           // register an outpatient: arrival / check-in
            "A01", InteractionType.ADMITTED,             // admit an inpatient
            "A03", InteractionType.DISCHARGED,           // discharge / end visit
            "A05", InteractionType.PRE_ADMITTED,         // pre-admit: an admission is planned
            "A08", InteractionType.PATIENT_UPDATED,      // update patient or visit information
            "A11", InteractionType.ADMISSION_CANCELLED,  // cancel admit / visit notification
            "A13", InteractionType.DISCHARGE_CANCELLED); // cancel discharge

    private AdtEvents() {
    }
}
