package org.patientoutreach.segments.measure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.segments.segment.SegmentDefinition;
import org.patientoutreach.segments.segment.SegmentRequest;
import org.patientoutreach.segments.segment.SegmentService;
import org.patientoutreach.segments.segment.SegmentView;

@Path("/api/measures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER, Roles.ANALYST })
@Tag(name = "Care-gap measures", description = "Prebuilt HEDIS-aligned care-gap measures, their counts and segments")
public class MeasureResource {

    @Inject
    MeasureLibrary library;
    @Inject
    MeasureReports reports;
    @Inject
    SegmentService segments;

    @GET
    @Operation(summary = "List the prebuilt care-gap measures with their logic")
    public List<MeasureView> list() {
        return library.all().stream().map(MeasureView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a measure and its logic")
    public MeasureView get(@PathParam("id") String id) {
        return MeasureView.of(reports.require(id));
    }

    @GET
    @Path("/{id}/report")
    @Operation(summary = "Count a measure's populations for a measurement year (default: the current year)",
            description = "Eligible, excluded, denominator, numerator, gap and rate, like a FHIR MeasureReport summary.")
    public MeasureReportView report(@PathParam("id") String id, @QueryParam("period") Integer period) {
        return reports.report(id, year(period));
    }

    @GET
    @Path("/reports")
    @Operation(summary = "Count every measure's populations for a measurement year")
    public List<MeasureReportView> reportAll(@QueryParam("period") Integer period) {
        return reports.reportAll(year(period));
    }

    @POST
    @Path("/{id}/segments")
    @RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
    @Operation(summary = "Create the measure's care-gap segment (DRAFT) for a measurement year",
            description = "The segment holds the patients who are eligible, not excluded and not meeting the "
                    + "numerator; activate it to publish membership.")
    public Response createSegment(@PathParam("id") String id, @QueryParam("period") Integer period,
            @Context UriInfo uri) {
        int year = year(period);
        String measure = reports.require(id).id();
        SegmentView created = segments.create(new SegmentRequest("Care gap " + measure + " " + year,
                library.find(measure).orElseThrow().title() + ", measurement year " + year,
                new SegmentDefinition(reports.gapRule(measure, year)), null));
        return Response.created(uri.getBaseUriBuilder().path("api/segments").path(created.id().toString()).build())
                .entity(created).build();
    }

    private static int year(Integer period) {
        if (period == null) {
            return LocalDate.now(ZoneOffset.UTC).getYear();
        }
        if (period < 1900 || period > 2200) {
            throw ProblemException.badField("period", "must be a measurement year such as 2025");
        }
        return period;
    }
}
