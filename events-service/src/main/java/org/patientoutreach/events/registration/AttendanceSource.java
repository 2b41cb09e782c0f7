package org.patientoutreach.events.registration;

/** How attendance was recorded: staff checked the patient in, or a virtual meeting's attendance report was imported. */
public enum AttendanceSource {
    STAFF,
    IMPORT
}
