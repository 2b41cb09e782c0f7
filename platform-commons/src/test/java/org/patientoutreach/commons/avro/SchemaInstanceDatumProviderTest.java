package org.patientoutreach.commons.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class SchemaInstanceDatumProviderTest {

    private static final String V1 = """
            {"type":"record","name":"Reminder","namespace":"test","fields":[{"name":"id","type":"string"}]}""";
    private static final String V2 = """
            {"type":"record","name":"Reminder","namespace":"test","fields":[{"name":"id","type":"string"},
             {"name":"channel","type":"string","default":"email"}]}""";

    private final SchemaInstanceDatumProvider<GenericRecord> provider = provider();

    @Test
    void theSameSchemaObjectGetsTheSameWriterAndReader() {
        Schema schema = new Schema.Parser().parse(V1);
        GenericRecord record = reminder(schema, "r-1");

        assertSame(provider.createDatumWriter(record, schema), provider.createDatumWriter(record, schema));
        assertSame(provider.createDatumReader(schema), provider.createDatumReader(schema));
    }

    @Test
    void twoVersionsOfOneRecordNameEachKeepTheirOwnWriterAndReader() throws IOException {
        Schema v1 = new Schema.Parser().parse(V1);
        Schema v2 = new Schema.Parser().parse(V2);
        GenericRecord first = reminder(v1, "r-1");
        GenericRecord second = reminder(v2, "r-2");
        second.put("channel", "sms");

        assertNotSame(provider.createDatumWriter(first, v1), provider.createDatumWriter(second, v2));
        assertEquals(first, roundTrip(first, v1));
        assertEquals(second, roundTrip(second, v2));
    }

    /** A second schema object equal to the first is a first sighting: it still gets a working writer and reader. */
    @Test
    void anEqualSchemaParsedAgainStillWritesAndReadsItsRecords() throws IOException {
        Schema once = new Schema.Parser().parse(V2);
        Schema again = new Schema.Parser().parse(V2);
        GenericRecord viaOnce = reminder(once, "r-3");
        GenericRecord viaAgain = reminder(again, "r-4");

        assertEquals(viaOnce, roundTrip(viaOnce, once));
        assertEquals(viaAgain, roundTrip(viaAgain, again));
    }

    /** Written with the provider's writer for {@code schema}, read back with its reader. */
    private GenericRecord roundTrip(GenericRecord record, Schema schema) throws IOException {
        return read(schema, write(record, schema));
    }

    private byte[] write(GenericRecord record, Schema schema) throws IOException {
        var out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        provider.createDatumWriter(record, schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private GenericRecord read(Schema schema, byte[] bytes) throws IOException {
        return provider.createDatumReader(schema).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static GenericRecord reminder(Schema schema, String id) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        if (schema.getField("channel") != null) {
            record.put("channel", "email");
        }
        return record;
    }

    private static SchemaInstanceDatumProvider<GenericRecord> provider() {
        var provider = new SchemaInstanceDatumProvider<GenericRecord>();
        provider.setUseSpecificAvroReader(false);
        return provider;
    }
}
