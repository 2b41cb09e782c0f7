package org.patientoutreach.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private static final Path MAIN = Path.of(System.getProperty("schemas.main", "src/main/avro"));
    private static final Path RELEASED = Path.of(System.getProperty("schemas.released", "src/released"));

    @Test
    void everyCurrentSchemaCanReadWhatTheLastReleaseWrote() throws IOException {
        Map<String, Schema> current = load(MAIN);
        Map<String, Schema> released = load(lastRelease());
        assertFalse(released.isEmpty(), "no released schemas found");
        for (var entry : released.entrySet()) {
            Schema now = current.get(entry.getKey());
            assertTrue(now != null, "released schema " + entry.getKey() + " was removed");
            var result = SchemaCompatibility.checkReaderWriterCompatibility(now, entry.getValue());
            assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                    entry.getKey() + " is not backward compatible: " + result.getResult().getIncompatibilities());
        }
    }

    @Test
    void theCheckRefusesARequiredFieldWithoutDefault() {
        Schema released = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema breaking = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                        + "{\"name\":\"b\",\"type\":\"string\"}]}");
        Schema compatible = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                        + "{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(breaking, released).getType());
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(compatible, released).getType());
    }

    @Test
    void generatedClassesCarryTheSchemasOfTheSourceFiles() throws IOException {
        Map<String, Schema> current = load(MAIN);
        List<Schema> generated = List.of(PatientInteraction.SCHEMA$, FhirResourceChanged.SCHEMA$,
                PatientProfile.SCHEMA$, SegmentMembershipChanged.SCHEMA$, TriggerFired.SCHEMA$,
                EmailSendRequested.SCHEMA$, EmailDeliveryEvent.SCHEMA$, EventRegistrationChanged.SCHEMA$,
                EventCatalogEntry.SCHEMA$, SegmentCatalogEntry.SCHEMA$, EmailCatalogEntry.SCHEMA$,
                TriggerCatalogEntry.SCHEMA$, JourneyInstanceEnded.SCHEMA$);
        assertEquals(current.size(), generated.size(), "a schema file has no generated class in this test");
        for (Schema schema : generated) {
            assertEquals(SchemaNormalization.toParsingForm(current.get(schema.getName())),
                    SchemaNormalization.toParsingForm(schema), schema.getName());
        }
    }

    private static Path lastRelease() throws IOException {
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            return dirs.filter(Files::isDirectory)
                    .max(Comparator.comparing(p -> versionKey(p.getFileName().toString())))
                    .orElseThrow();
        }
    }

    private static String versionKey(String version) {
        return Stream.of(version.split("\\.")).map(part -> String.format("%06d", Integer.parseInt(part)))
                .collect(Collectors.joining("."));
    }

    private static Map<String, Schema> load(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".avsc"))
                    .map(SchemaCompatibilityTest::parse)
                    .collect(Collectors.toMap(Schema::getName, Function.identity()));
        }
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
