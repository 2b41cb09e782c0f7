package org.patientoutreach.triggers.patient;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds our patientId for an identifier an EHR sends (HL7 PID-3). The value must match exactly; when the sender
 * names an assigning authority, the stored system must name it too (equal, {@code urn:oid:} + the OID, or ending in
 * "/" + the namespace), so that an MRN of another hospital never lands on the wrong patient. Two different patients
 * for one identifier is no answer at all.
 */
@ApplicationScoped
public class PatientDirectory {

    /** An identifier as received: {@code authorities} holds the namespace id and universal id, blank ones left out. */
    public record ReceivedIdentifier(String value, Set<String> authorities) {
    }

    public Optional<String> resolve(List<ReceivedIdentifier> identifiers) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Set<String> patients = identifiers.stream()
                    .filter(id -> id.value() != null && !id.value().isBlank())
                    .flatMap(id -> PatientIdentifier.withValue(id.value().strip()).stream()
                            .filter(row -> assignedBy(row.system, id.authorities())))
                    .map(row -> row.patientId)
                    .collect(Collectors.toSet());
            return patients.size() == 1 ? Optional.of(patients.iterator().next()) : Optional.<String>empty();
        });
    }

    static boolean assignedBy(String system, Set<String> authorities) {
        if (authorities.isEmpty()) {
            return true;
        }
        String s = system.toLowerCase(Locale.ROOT);
        return authorities.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).anyMatch(a -> s.equals(a)
                || s.equals("urn:oid:" + a) || s.endsWith("/" + a));
    }
}
