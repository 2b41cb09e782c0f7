package org.patientoutreach.triggers.trigger;

/** How a condition compares an interaction's value. Text comparisons ignore case and surrounding space. */
public enum Operator {
    /** The value equals {@code value}. */
    EQUALS,
    /** The value equals one of {@code values}. */
    IN,
    /** The value starts with {@code value}. */
    PREFIX,
    /** The value lies within {@code min} and/or {@code max}, inclusive: both numbers or both ISO-8601 date-times. */
    RANGE,
    /** The interaction carries a non-blank value. */
    EXISTS
}
