package org.patientoutreach.segments.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** Writes a synthetic population as FHIR R4 NDJSON in Synthea's shape, for measuring bulk import. */
final class NdjsonPopulation {

    private NdjsonPopulation() {
    }

    /** Returns the number of resources written. */
    static long write(Path file, int patients) throws IOException {
        SplittableRandom random = new SplittableRandom(4242);
        long resources = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int p = 0; p < patients; p++) {
                String id = "ndjson-" + p;
                LocalDate birth = LocalDate.of(1935, 1, 1).plusDays(random.nextInt(32000));
                out.write("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\""
                        + (random.nextBoolean() ? "female" : "male") + "\",\"birthDate\":\"" + birth
                        + "\",\"name\":[{\"use\":\"official\",\"given\":[\"Pat\"],\"family\":\"Synthetic\"}],"
                        + "\"address\":[{\"postalCode\":\"0" + (2100 + random.nextInt(800)) + "\"}]}\n");
                resources++;
                int encounters = 5 + random.nextInt(20);
                for (int e = 0; e < encounters; e++) {
                    String date = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3650)).toString();
                    out.write("{\"resourceType\":\"Encounter\",\"id\":\"" + id + "-e" + e + "\",\"status\":\"finished\","
                            + "\"class\":{\"code\":\"AMB\"},\"type\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                            + "\"code\":\"185349003\"}]}],\"subject\":{\"reference\":\"Patient/" + id + "\"},"
                            + "\"period\":{\"start\":\"" + date + "T09:00:00Z\",\"end\":\"" + date + "T09:30:00Z\"}}\n");
                    out.write("{\"resourceType\":\"Observation\",\"id\":\"" + id + "-bp" + e + "\",\"status\":\"final\","
                            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},"
                            + "\"subject\":{\"reference\":\"Patient/" + id + "\"},\"effectiveDateTime\":\"" + date
                            + "T09:10:00Z\",\"component\":[{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                            + "\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":" + (100 + random.nextInt(60))
                            + ",\"unit\":\"mm[Hg]\"}},{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                            + "\"code\":\"8462-4\"}]},\"valueQuantity\":{\"value\":" + (60 + random.nextInt(40))
                            + ",\"unit\":\"mm[Hg]\"}}]}\n");
                    resources += 2;
                }
                if (random.nextInt(10) < 3) {
                    out.write("{\"resourceType\":\"Condition\",\"id\":\"" + id + "-htn\",\"clinicalStatus\":{\"coding\":"
                            + "[{\"code\":\"active\"}]},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                            + "\"code\":\"59621000\"}]},\"subject\":{\"reference\":\"Patient/" + id + "\"},"
                            + "\"onsetDateTime\":\"2012-03-04\"}\n");
                    resources++;
                }
                out.write("{\"resourceType\":\"Immunization\",\"id\":\"" + id + "-flu\",\"status\":\"completed\","
                        + "\"vaccineCode\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"140\"}]},"
                        + "\"patient\":{\"reference\":\"Patient/" + id + "\"},\"occurrenceDateTime\":\"2024-10-0"
                        + (1 + random.nextInt(9)) + "T10:00:00Z\"}\n");
                resources++;
            }
        }
        return resources;
    }
}
