package org.patientoutreach.events.event;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Rules that span fields of an {@link EventDefinition}: endsAt after startsAt, a known IANA timezone, an https
 * joinUrl when one is given, sessions inside the event, unique question keys and options for CHOICE questions. Each
 * violation names the field the client has to fix. A draft may still lack its venue or meeting URL:
 * {@link PublishingRules} asks for them when the event is published.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentEventValidator.class)
public @interface ConsistentEvent {

    String message() default "is not consistent with the other fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
