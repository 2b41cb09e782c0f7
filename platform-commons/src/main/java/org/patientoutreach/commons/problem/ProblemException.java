package org.patientoutreach.commons.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** A client mistake or a state conflict the API reports as problem+json. The detail must not contain PHI. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Response.Status status, String detail) {
        this(status, detail, List.of());
    }

    public ProblemException(Response.Status status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.problem = Problem.of(status, detail, errors);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Response.Status.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ProblemException badField(String field, String message) {
        return new ProblemException(Response.Status.BAD_REQUEST, "Invalid value for " + field,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    public Problem problem() {
        return problem;
    }
}
