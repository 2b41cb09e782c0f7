package org.patientoutreach.events.event;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Rules that span fields of an {@link EventDefinition}: endsAt after startsAt, a known IANA timezone, an https
 * joinUrl for VIRTUAL and a location for IN_PERSON. Each violation names the field the client has to fix.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentEventValidator.class)
public @interface ConsistentEvent {

    String message() default "is not consistent with the other fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
