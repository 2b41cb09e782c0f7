package org.patientoutreach.triggers.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One typed condition on an interaction. {@code field} is {@code department}, {@code facility}, {@code source},
 * {@code encounterId}, {@code occurredAt} or {@code attributes.<key>} (keys found case-insensitively). Which of
 * {@code value}, {@code values}, {@code min} and {@code max} apply depends on the operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A typed condition; every condition of a trigger must hold")
public record Condition(
        @Schema(example = "attributes.appointmentType") String field,
        @Schema(example = "IN") Operator operator,
        @Schema(description = "EQUALS and PREFIX", example = "Ophthalmology") String value,
        @Schema(description = "IN", example = "[\"new-patient\", \"follow-up\"]") List<String> values,
        @Schema(description = "RANGE lower bound, inclusive: a number or an ISO-8601 date-time", example = "2") String min,
        @Schema(description = "RANGE upper bound, inclusive", example = "10") String max) {

    public static Condition equalTo(String field, String value) {
        return new Condition(field, Operator.EQUALS, value, null, null, null);
    }
}
