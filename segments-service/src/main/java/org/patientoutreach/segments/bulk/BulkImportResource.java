package org.patientoutreach.segments.bulk;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.segments.SegmentsConfig;

@jakarta.ws.rs.Path("/api/fhir/bulk-imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
@Tag(name = "FHIR import", description = "FHIR R4 in: bundles, bulk NDJSON, and the ehr.fhir-resources topic")
public class BulkImportResource {

    @Inject
    BulkImporter importer;
    @Inject
    SegmentsConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a bulk import of FHIR NDJSON files named by a $import-style manifest",
            description = "Files must be file: URLs inside the configured import directory. Answers 202 at once; "
                    + "poll the Location for progress. Imports are idempotent by resource id.")
    public Response fromManifest(@NotNull @Valid BulkImportRequest request, @Context UriInfo uri) {
        if (request.inputFormat() != null && !request.inputFormat().equals("application/fhir+ndjson")) {
            throw ProblemException.badField("inputFormat", "must be application/fhir+ndjson");
        }
        Path allowed = directory();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < request.input().size(); i++) {
            files.add(allowedFile(request.input().get(i).url(), allowed, "input[" + i + "].url"));
        }
        return accepted(files, uri);
    }

    @POST
    @Consumes({ "application/fhir+ndjson", "application/x-ndjson" })
    @Blocking
    @Operation(summary = "Start a bulk import of an NDJSON body (one FHIR resource per line)",
            description = "For bodies up to the service's request size limit; larger sets go through a manifest.")
    public Response fromBody(InputStream body, @Context UriInfo uri) {
        Path file = directory().resolve("upload-" + UUID.randomUUID() + ".ndjson");
        try {
            Files.copy(body, file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the upload", e);
        }
        return accepted(List.of(file), uri);
    }

    @GET
    @jakarta.ws.rs.Path("/{id}")
    @Operation(summary = "Progress of a bulk import")
    public BulkImportView get(@PathParam("id") UUID id) {
        BulkImport job = BulkImport.findById(id);
        if (job == null) {
            throw ProblemException.notFound("bulk import", id);
        }
        return BulkImportView.of(job);
    }

    @GET
    @Operation(summary = "List bulk imports, newest first")
    public Page<BulkImportView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE_TEXT) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return Page.of(BulkImport.<BulkImport>find("order by createdAt desc, id"), page, size).map(BulkImportView::of);
    }

    private Response accepted(List<Path> files, UriInfo uri) {
        BulkImport job = create(files);
        importer.submit(job.id, files);
        return Response.accepted(BulkImportView.of(job))
                .location(uri.getAbsolutePathBuilder().path(job.id.toString()).build()).build();
    }

    @Transactional
    BulkImport create(List<Path> files) {
        BulkImport job = new BulkImport();
        job.id = UUID.randomUUID();
        job.status = BulkImport.Status.QUEUED;
        job.inputs = files.stream().map(Path::toString).toArray(String[]::new);
        job.errorSample = new String[0];
        job.createdAt = Instant.now();
        job.updatedAt = job.createdAt;
        job.persist();
        return job;
    }

    private Path directory() {
        try {
            return Files.createDirectories(config.bulkImport().directory()).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("import directory is not usable", e);
        }
    }

    /** A file: URL that resolves (after following links) inside the import directory, and is a readable file. */
    private static Path allowedFile(String url, Path allowed, String field) {
        Path path;
        try {
            URI parsed = URI.create(url);
            if (!"file".equals(parsed.getScheme())) {
                throw ProblemException.badField(field, "must be a file: URL inside the import directory");
            }
            path = Path.of(parsed).toRealPath();
        } catch (IllegalArgumentException | IOException e) {
            throw ProblemException.badField(field, "is not a readable file: URL");
        }
        if (!path.startsWith(allowed) || !Files.isRegularFile(path)) {
            throw ProblemException.badField(field, "must name a file inside the import directory");
        }
        return path;
    }
}
