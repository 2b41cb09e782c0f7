package org.patientoutreach.commons.avro;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's Avro datum provider, with its readers and writers found by the schema object itself. The default one
 * keys its caches by the schema's parsing fingerprint, which it computes again for every record: normalizing the whole
 * schema to text and hashing it. In a profile of email-service's send benchmark that was 5% of the service's Java
 * samples (JFR), on the request consumer and the outbox producer. The serdes hand over the same schema object for
 * every record of a type (the generated class's for writing, the registry client's cached one for reading), so an
 * identity lookup finds it; a schema object seen for the first time goes to the default provider once. Configured per
 * connector with {@code apicurio.registry.avro-datum-provider}.
 */
public class SchemaInstanceDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Schemas are few (one per record type and version); more means objects are not reused, so start again. */
    private static final int LIMIT = 256;

    private final Map<SchemaInstance, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final Map<SchemaInstance, DatumWriter<T>> otherWriters = new ConcurrentHashMap<>();
    private final Map<SchemaInstance, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        // The default provider writes specific records and generic ones with different writers.
        var writers = data instanceof SpecificRecord ? specificWriters : otherWriters;
        return cached(writers, schema, () -> super.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return cached(readers, schema, () -> super.createDatumReader(schema));
    }

    private static <D> D cached(Map<SchemaInstance, D> cache, Schema schema, Supplier<D> create) {
        SchemaInstance key = new SchemaInstance(schema);
        D datum = cache.get(key);
        if (datum == null) {
            if (cache.size() >= LIMIT) {
                cache.clear();
            }
            datum = create.get();
            cache.put(key, datum);
        }
        return datum;
    }

    /** A schema compared by identity: {@link Schema#equals} walks the whole schema. */
    private record SchemaInstance(Schema schema) {

        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaInstance that && that.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
