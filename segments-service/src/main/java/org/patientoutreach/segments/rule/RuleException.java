package org.patientoutreach.segments.rule;

/** A rule that cannot compile, with the path of the offending node (e.g. {@code rule.rules[1].min}). */
public class RuleException extends RuntimeException {

    private final String path;

    public RuleException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
