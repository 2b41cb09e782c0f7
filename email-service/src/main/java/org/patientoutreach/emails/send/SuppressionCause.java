package org.patientoutreach.emails.send;

/** Machine codes for why a requested email was not sent. They travel in delivery events: never PHI. */
public enum SuppressionCause {
    /** The template does not exist or is not READY. */
    TEMPLATE_NOT_READY,
    /** No profile of the patient has arrived yet. */
    NO_CONTACT,
    DECEASED,
    NO_EMAIL_ADDRESS,
    /** A commercial email to a patient whose profile records no consent to it (false or not recorded). */
    NO_CONSENT,
    /** The email shows an event, and the request names none or one the catalog does not know. */
    EVENT_UNKNOWN,
    EVENT_CANCELLED,
    /** A commercial email beyond a rolling-window cap of the patient. */
    FREQUENCY_CAP("frequency-cap"),
    /**
     * The journey instance that asked for it left early (the patient left the segment, an exit trigger fired, the
     * goal was reached, the journey was stopped) before the email went out.
     */
    JOURNEY_ENDED;

    private final String code;

    SuppressionCause() {
        this.code = name();
    }

    SuppressionCause(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
