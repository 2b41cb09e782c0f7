package org.patientoutreach.segments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** segments-service settings ({@code segments.*}). */
@ConfigMapping(prefix = "segments")
public interface SegmentsConfig {

    BulkImport bulkImport();

    interface BulkImport {
        /**
         * The only directory a bulk-import manifest may reference with file: URLs, and where uploaded NDJSON bodies
         * are spooled. Keeps the endpoint from reading arbitrary files of the server.
         */
        @WithDefault(".outreach/imports")
        Path directory();

        /** Resources written per COPY batch (one transaction each). */
        @WithDefault("5000")
        int batchSize();
    }
}
