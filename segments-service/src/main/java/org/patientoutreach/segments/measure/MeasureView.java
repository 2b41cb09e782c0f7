package org.patientoutreach.segments.measure;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A prebuilt measure and its logic in words. */
public record MeasureView(String id, String title,
        @Schema(description = "Which public specification the value sets and logic follow") String basis,
        String logic,
        @Schema(description = "True when the numerator is the bad outcome (lower rate is better) and so is the gap") boolean inverse) {

    static MeasureView of(Measure m) {
        return new MeasureView(m.id(), m.title(), m.basis(), m.logic(), m.inverse());
    }
}
