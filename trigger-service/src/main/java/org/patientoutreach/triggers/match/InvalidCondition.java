package org.patientoutreach.triggers.match;

/** A condition that cannot be compiled; {@code part} names the offending member (field, operator, value, ...). */
public class InvalidCondition extends RuntimeException {

    private final String part;

    public InvalidCondition(String part, String message) {
        super(message, null, false, false);
        this.part = part;
    }

    public String part() {
        return part;
    }
}
