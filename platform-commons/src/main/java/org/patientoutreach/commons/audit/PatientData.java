package org.patientoutreach.commons.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read endpoint that returns patient-level data (member lists, patient facts, attendee lists). Every call is
 * written to the audit log; changes (POST, PUT, PATCH, DELETE) are audited without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface PatientData {
}
