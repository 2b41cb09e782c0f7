package org.patientoutreach.segments.valueset;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The starter library shipped with the service ({@code valuesets/library.txt} lists the files): licence-filtered
 * public eCQM value sets and the project's own sets for codes that real feeds (and Synthea) use outside them. Loaded
 * at start; a set already stored at the same version is left alone, so a restart costs one lookup per set.
 */
@ApplicationScoped
public class ValueSetLibrary {

    private static final Logger LOG = Logger.getLogger(ValueSetLibrary.class);
    private static final String BASE = "valuesets/";

    private final FhirContext fhir;
    private final ValueSetStore store;

    @Inject
    public ValueSetLibrary(FhirContext fhir, ValueSetStore store) {
        this.fhir = fhir;
        this.store = store;
    }

    void onStart(@Observes StartupEvent event) {
        int loaded = 0;
        int files = 0;
        for (String file : read(BASE + "library.txt").split("\n")) {
            if (file.isBlank()) {
                continue;
            }
            files++;
            ValueSetContent content = ValueSetParser.parse(fhir, read(BASE + file.trim()));
            String version = content.version() == null ? "" : content.version();
            if (!store.storedVersion(content.id()).map(version::equals).orElse(false)) {
                store.save(content, file.startsWith("project/") ? "project" : "public");
                loaded++;
            }
        }
        LOG.infof("value set library: %d shipped, %d loaded or updated", files, loaded);
    }

    private static String read(String resource) {
        try (InputStream in = Objects.requireNonNull(
                Thread.currentThread().getContextClassLoader().getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
