package org.patientoutreach.emails.engagement;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.commons.links.SignedLinks.Grant;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.personalization.RenderedEmail;
import org.patientoutreach.emails.personalization.TrackedHtml;

/**
 * The signed links an email carries back to this service: unsubscribe, the open-tracking pixel and click tracking.
 * Each binds the patient and the send request it was mailed for, so the link proves which email it came from and
 * cannot be turned against another patient. Links carry ids only.
 */
@ApplicationScoped
public class EmailLinks {

    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String OPEN = "open";
    public static final String CLICK = "click";

    static final String UNSUBSCRIBE_PATH = "/api/public/unsubscribe";
    static final String OPEN_PATH = "/api/public/t/open";
    static final String CLICK_PATH = "/api/public/t/click";
    static final String SCAN_PATH = "/api/public/t/scan";

    private final SignedLinks links;
    private final String base;

    public EmailLinks(SignedLinks links, EmailsConfig config) {
        this.links = links;
        String url = config.publicBaseUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String unsubscribeUrl(String patientId, String requestId) {
        return base + UNSUBSCRIBE_PATH + "?token=" + links.issue(UNSUBSCRIBE, patientId, requestId);
    }

    /** RFC 2369 and RFC 8058 headers: mail clients show an unsubscribe button that POSTs without opening a page. */
    public static Map<String, String> listUnsubscribeHeaders(String unsubscribeUrl) {
        return Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /**
     * Rewrites the HTML body's web links to click-tracking links, appends the open pixel and puts the scanners' trap
     * first (both carry the open token: they are about the same email and the same patient).
     */
    public RenderedEmail tracked(RenderedEmail email, String patientId, String requestId) {
        String token = links.issue(OPEN, patientId, requestId);
        String html = TrackedHtml.track(email.htmlBody(), url -> ours(url) ? url : clickUrl(patientId, requestId, url),
                base + OPEN_PATH + "?token=" + token, base + SCAN_PATH + "?token=" + token);
        return new RenderedEmail(email.subject(), html, email.textBody());
    }

    String clickUrl(String patientId, String requestId, String url) {
        return base + CLICK_PATH + "?token=" + links.issue(CLICK, patientId, clickResource(requestId, url))
                + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    /**
     * What a click token is bound to: the send request and a digest of the destination. The click endpoint redirects
     * only to the address whose digest the token carries, so nobody can make our domain redirect elsewhere.
     */
    static String clickResource(String requestId, String url) {
        return requestId + ":" + digest(url);
    }

    /**
     * The send request of a click token, after checking that {@code url} is the address the token was issued for.
     * Another address, or no address, is refused with 400 before anything is recorded or redirected.
     */
    static String requestIdOfClick(Grant grant, String url) {
        String resource = grant.resourceId();
        int colon = resource.lastIndexOf(':');
        if (url == null || colon < 0 || !MessageDigest.isEqual(
                digest(url).getBytes(StandardCharsets.US_ASCII),
                resource.substring(colon + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw ProblemException.badField("url", "is not the address this link was issued for");
        }
        return resource.substring(0, colon);
    }

    static String digest(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Our own links (the unsubscribe link in the body) must reach us directly, not through click tracking. */
    private boolean ours(String url) {
        return url.startsWith(base + "/api/public/");
    }
}
