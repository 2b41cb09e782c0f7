package org.patientoutreach.emails.engagement;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.commons.links.LinksConfig;
import org.patientoutreach.commons.links.SignedLinks.Grant;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.metrics.EmailMetrics;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendService;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.schemas.DeliveryEventType;

/**
 * What a patient does with an email we sent: unsubscribe, open, click. Each is recorded with its delivery event
 * through the outbox, once: the Inbox table remembers which opens and clicks were already reported, the suppression
 * list which patients already unsubscribed.
 */
@ApplicationScoped
public class EngagementService {

    static final String OPENS = "email-service.opens";
    static final String CLICKS = "email-service.clicks";
    /** Kinds and sources of engagement in the metrics (EmailMetrics#engagement). */
    static final String OPEN = "open";
    static final String CLICK = "click";
    /** A fetch of the hidden link only scanners follow. */
    static final String TRAP = "trap";
    static final String BY_PATIENT = "patient";
    static final String BY_SCANNER = "scanner";
    static final String BY_CHECK = "head-request";

    private static final Logger LOG = Logger.getLogger(EngagementService.class);
    private static final String COUNT_CLICK = """
            INSERT INTO email_link_click (request_id, url, clicks, first_clicked_at, last_clicked_at)
            VALUES (:requestId, :url, 1, :now, :now)
            ON CONFLICT (request_id, url) DO UPDATE
            SET clicks = email_link_click.clicks + 1, last_clicked_at = EXCLUDED.last_clicked_at""";

    private final Inbox inbox;
    private final Outbox outbox;
    private final Duration scannerWindow;
    private final EmailMetrics metrics;
    private final ScannerAddress scanners;

    public EngagementService(Inbox inbox, Outbox outbox, EmailsConfig config, EmailMetrics metrics,
            LinksConfig links) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.scannerWindow = config.engagement().scannerWindow();
        this.scanners = new ScannerAddress(links.secret()
                .orElseThrow(() -> new IllegalStateException("outreach.links.secret is required by email-service")));
        this.metrics = metrics;
    }

    /** Suppresses the grant's patient; repeating it changes nothing and publishes nothing. */
    @Transactional
    public void unsubscribe(Grant grant) {
        EmailSend send = sendOf(grant.resourceId(), grant);
        if (Suppression.unsubscribe(grant.patientId(), Instant.now())) {
            publish(send, DeliveryEventType.UNSUBSCRIBED, null);
            LOG.infof("patient %s unsubscribed through send request %s", grant.patientId(), send.requestId);
        }
    }

    /** Mail clients load the pixel on every view: the first one is the news. */
    @Transactional
    public void opened(Grant grant, String address) {
        EmailSend send = sendOf(grant.resourceId(), grant);
        if (!byScanner(send, OPEN, address) && inbox.firstDelivery(OPENS, send.requestId)) {
            send.openedAt = Instant.now();
            publish(send, DeliveryEventType.OPENED, null);
        }
    }

    /**
     * Every follow of a link by the patient is counted (link-level analytics; a scanner's is not, see
     * {@link #byScanner}), and one CLICKED is published per link of an email, however often it is followed.
     */
    @Transactional
    public void clicked(Grant grant, String requestId, String url, String address) {
        EmailSend send = sendOf(requestId, grant);
        if (byScanner(send, CLICK, address)) {
            return;
        }
        Panache.getEntityManager().createNativeQuery(COUNT_CLICK).setParameter("requestId", requestId)
                .setParameter("url", url).setParameter("now", Instant.now()).executeUpdate();
        if (inbox.firstDelivery(CLICKS, grant.resourceId())) {
            if (send.clickedAt == null) {
                send.clickedAt = Instant.now(); // the first click of any link: unique clicks count emails
            }
            publish(send, DeliveryEventType.CLICKED, url);
        }
    }

    /**
     * The hidden trap link was fetched from {@code address}: a scanner is going through the email now (every fetch,
     * GET or HEAD, moves the mark, so a second scan days later is caught too).
     */
    @Transactional
    public void scanned(Grant grant, String address) {
        EmailSend send = sendOf(grant.resourceId(), grant);
        send.scannedAt = Instant.now();
        send.scannedBy = scanners.digest(send.requestId, address);
        metrics.engagement(TRAP, BY_SCANNER);
    }

    /** A HEAD request for a pixel or link: a checker's, only counted in the metrics. */
    public void checked(String kind) {
        metrics.engagement(kind, BY_CHECK);
    }

    /**
     * Security gateways fetch every link and image of an email as it is delivered, to vet it; a patient reads it later.
     * A hit within {@code emails.engagement.scanner-window} of sending is taken for such a scan and neither counted
     * nor reported: a scanner must not send a patient down a journey's "opened" or "clicked" branch, past a reminder
     * of the care they are due. A patient who really reads that fast is counted from their next open or click. The
     * same holds within that window after a fetch of the hidden trap link ({@link #scanned}), for hits from the
     * address that fetched it: a gateway that vets the email when it is delivered late, or again when it is opened,
     * fetches the trap first, as the first link of the body, while the patient's own click comes from elsewhere and
     * counts.
     */
    private boolean byScanner(EmailSend send, String kind, String address) {
        Instant now = Instant.now();
        boolean scanner = send.sentAt == null || now.isBefore(send.sentAt.plus(scannerWindow))
                || send.scannedAt != null && now.isBefore(send.scannedAt.plus(scannerWindow))
                        && scanners.digest(send.requestId, address).equals(send.scannedBy);
        metrics.engagement(kind, scanner ? BY_SCANNER : BY_PATIENT);
        return scanner;
    }

    /** A valid token names a send request this service recorded and never deletes; anything else is not ours. */
    private static EmailSend sendOf(String requestId, Grant grant) {
        EmailSend send = EmailSend.findById(requestId);
        if (send == null || !send.patientId.equals(grant.patientId())) {
            throw new ProblemException(Response.Status.NOT_FOUND, "This link belongs to no email we sent");
        }
        return send;
    }

    private void publish(EmailSend send, DeliveryEventType type, String url) {
        outbox.publish(SendService.DELIVERY_TOPIC, send.patientId, send.event(type, null, url, Instant.now()));
    }
}
