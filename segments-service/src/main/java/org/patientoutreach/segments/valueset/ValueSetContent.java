package org.patientoutreach.segments.valueset;

import java.util.List;

/** A FHIR ValueSet reduced to what matching needs: its identity and its codes, each with its system. */
public record ValueSetContent(String id, String url, String version, String name, String title, List<Code> codes) {

    public record Code(String system, String code, String display) {
    }
}
