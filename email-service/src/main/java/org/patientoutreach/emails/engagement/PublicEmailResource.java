package org.patientoutreach.emails.engagement;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.commons.links.SignedLinks.Grant;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.security.PublicRateLimiter;

/**
 * The links patients follow from an email. No bearer token: the signed {@code token} is the only credential, and it
 * grants exactly one action for one patient and one email. Pages and answers carry no PHI. Every answer forbids
 * caching and referrers, so the token stays out of proxies and out of the next site's logs.
 */
@Path("/api/public")
@PermitAll
@Tag(name = "Public links", description = "Unsubscribe, open and click tracking, reached with a signed link")
public class PublicEmailResource {

    private static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final MediaType HTML = MediaType.valueOf("text/html;charset=utf-8");

    // A form without action posts back to this very URL, token included, so the page never repeats the token.
    private static final String CONFIRM_PAGE = page("Unsubscribe", """
            <p>Do you want to stop receiving emails from us?</p>
            <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">\
            <button type="submit">Unsubscribe</button></form>""");
    private static final String DONE_PAGE = page("You are unsubscribed",
            "<p>You will receive no more emails from us.</p>");

    private final SignedLinks links;
    private final EngagementService engagement;

    public PublicEmailResource(SignedLinks links, EngagementService engagement) {
        this.links = links;
        this.engagement = engagement;
    }

    @GET
    @Path("/unsubscribe")
    @Operation(summary = "Unsubscribe confirmation page",
            description = "Changes nothing: link scanners open links too. The page's button POSTs to the same link.")
    @APIResponse(responseCode = "200", description = "An HTML page with the confirmation form")
    @APIResponse(responseCode = "400", description = "Forged or altered link")
    @APIResponse(responseCode = "410", description = "Expired link")
    public Response confirmUnsubscribe(@QueryParam("token") String token) {
        links.verify(token, EmailLinks.UNSUBSCRIBE);
        return quiet(Response.ok(CONFIRM_PAGE, HTML));
    }

    @POST
    @Path("/unsubscribe")
    @Operation(summary = "Unsubscribe the link's patient from all email",
            description = "The form of the confirmation page, or a mail client's RFC 8058 one-click POST "
                    + "(body List-Unsubscribe=One-Click). Idempotent.")
    @APIResponse(responseCode = "200", description = "An HTML confirmation; the patient is suppressed")
    public Response unsubscribe(@QueryParam("token") String token) {
        engagement.unsubscribe(links.verify(token, EmailLinks.UNSUBSCRIBE));
        return quiet(Response.ok(DONE_PAGE, HTML));
    }

    @GET
    @Path("/t/open")
    @Operation(summary = "Open-tracking pixel: a 1x1 transparent GIF")
    @APIResponse(responseCode = "200", description = "image/gif")
    public Response open(@QueryParam("token") String token, @Context Request request,
            @Context HttpServerRequest http) {
        Grant grant = links.verify(token, EmailLinks.OPEN);
        if (checkOnly(request)) {
            engagement.checked(EngagementService.OPEN);
        } else {
            engagement.opened(grant, PublicRateLimiter.clientAddress(http));
        }
        return quiet(Response.ok(PIXEL, "image/gif"));
    }

    @GET
    @Path("/t/scan")
    @Operation(summary = "The scanners' trap: a link every email carries hidden, which no patient can see or follow",
            description = "A program that fetches it (a mail gateway vetting the email, even long after sending) "
                    + "marks the email as being scanned: opens and clicks within emails.engagement.scanner-window of "
                    + "that are taken for the scanner's and neither counted nor reported.")
    @APIResponse(responseCode = "204", description = "Nothing to show")
    public Response scan(@QueryParam("token") String token, @Context HttpServerRequest http) {
        engagement.scanned(links.verify(token, EmailLinks.OPEN), PublicRateLimiter.clientAddress(http));
        return quiet(Response.noContent());
    }

    @GET
    @Path("/t/click")
    @Operation(summary = "Click tracking: records the click and redirects to the link's address",
            description = "Only to the address the token was issued for: the service is no open redirect.")
    @APIResponse(responseCode = "302", description = "Location is the address")
    @APIResponse(responseCode = "400", description = "Forged or altered link, or an address it was not issued for")
    public Response click(@QueryParam("token") String token, @QueryParam("url") String url,
            @Context Request request, @Context HttpServerRequest http) {
        Grant grant = links.verify(token, EmailLinks.CLICK);
        String requestId = EmailLinks.requestIdOfClick(grant, url);
        URI target = webAddress(url);
        if (checkOnly(request)) {
            engagement.checked(EngagementService.CLICK);
        } else {
            engagement.clicked(grant, requestId, url, PublicRateLimiter.clientAddress(http));
        }
        return quiet(Response.status(Response.Status.FOUND).location(target));
    }

    /**
     * A HEAD request (served by the GET methods) is a link checker's or a mail scanner's: answered the same, so it
     * sees a working link, but no patient opened or clicked anything.
     */
    private static boolean checkOnly(Request request) {
        return HttpMethod.HEAD.equals(request.getMethod());
    }

    private static URI webAddress(String url) {
        try {
            URI uri = new URI(url);
            if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the problem below
        }
        throw ProblemException.badField("url", "is not a web address");
    }

    private static Response quiet(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">\
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title></head>
                <body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(title, title, body);
    }
}
