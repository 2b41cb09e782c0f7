package org.patientoutreach.emails.template;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.Problem;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.event.CatalogEvent;
import org.patientoutreach.emails.event.EventInvitations;
import org.patientoutreach.emails.mail.MailSender;
import org.patientoutreach.emails.mail.OutgoingMail;
import org.patientoutreach.emails.personalization.Personalization;
import org.patientoutreach.emails.personalization.RenderedEmail;
import org.patientoutreach.emails.personalization.TemplateRenderer;
import org.patientoutreach.emails.personalization.TemplateRenderer.Target;
import org.patientoutreach.emails.personalization.TrackedHtml;

/** Writing, checking, previewing and test-sending email templates, and rendering them for a patient. */
@ApplicationScoped
public class TemplateService {

    private static final Logger LOG = Logger.getLogger(TemplateService.class);
    private static final String KNOWN_TOKENS = "patient.firstName, patient.lastName, event.title, event.startsAt, "
            + "event.endsAt, event.venue, event.onlineUrl, event.registrationUrl, sender.name, "
            + "sender.postalAddress, unsubscribeUrl, context.<key>";

    /** Stands in for the patient's names when a template's links are checked (lower case: found in any case). */
    private static final String NAME_MARKER = "zqxpatientnamezqx";

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final MailSender mailSender;
    private final EmailsConfig config;
    private final EventInvitations invitations;
    private final TemplateCatalog catalog;

    public TemplateService(MailSender mailSender, EmailsConfig config, EventInvitations invitations,
            TemplateCatalog catalog) {
        this.mailSender = mailSender;
        this.config = config;
        this.invitations = invitations;
        this.catalog = catalog;
    }

    @Transactional
    public EmailTemplateView create(TemplateContent content) {
        checkSyntax(content);
        EmailTemplate template = new EmailTemplate();
        template.id = UUID.randomUUID();
        content.applyTo(template);
        template.status = TemplateStatus.DRAFT;
        template.createdAt = Instant.now();
        template.updatedAt = template.createdAt;
        template.persistAndFlush();
        catalog.publish(template);
        return EmailTemplateView.of(template);
    }

    @Transactional
    public Page<EmailTemplateView> list(int page, int size) {
        return Page.of(EmailTemplate.<EmailTemplate>findAll(Sort.descending("createdAt").and("id")), page, size)
                .map(EmailTemplateView::of);
    }

    @Transactional
    public EmailTemplateView get(UUID id) {
        return EmailTemplateView.of(find(id));
    }

    /** A READY email stays sendable: an edit that would fail the READY checks is refused like marking it ready. */
    @Transactional
    public EmailTemplateView update(UUID id, TemplateContent content, long expectedVersion) {
        checkSyntax(content);
        EmailTemplate template = find(id);
        if (template.version != expectedVersion) {
            throw stale(id);
        }
        content.applyTo(template);
        if (template.isReady()) {
            refuseIfNotSendable(template, "The email is READY and this edit would make it unsendable");
        }
        template.updatedAt = Instant.now();
        EmailTemplateView view = flushed(template);
        catalog.publish(template);
        return view;
    }

    @Transactional
    public EmailTemplateView markReady(UUID id) {
        EmailTemplate template = find(id);
        if (template.isReady()) {
            return flushed(template);
        }
        refuseIfNotSendable(template, "The email cannot be READY yet");
        template.status = TemplateStatus.READY;
        template.updatedAt = Instant.now();
        EmailTemplateView view = flushed(template);
        catalog.publish(template);
        return view;
    }

    @Transactional
    public RenderedEmail preview(UUID id, String patientId, Map<String, String> context) {
        EmailTemplate template = find(id);
        refuseUnknownTokens(template);
        return render(template, personalize(template, contact(patientId), context, null));
    }

    /** Sends outside any transaction: an SMTP round trip must not hold a database connection. */
    public void testSend(UUID id, TestSendRequest request) {
        OutgoingMail mail = renderForTest(id, request);
        try {
            mailSender.send(mail);
        } catch (MailSender.MailNotSentException e) {
            LOG.warnf("test send of email %s failed: %s", id, e.getMessage());
            throw new ProblemException(Response.Status.BAD_GATEWAY, "The SMTP server did not accept the test email");
        }
    }

    @Transactional
    OutgoingMail renderForTest(UUID id, TestSendRequest request) {
        EmailTemplate template = find(id);
        refuseUnknownTokens(template);
        PatientContact contact = request.patientId() == null || request.patientId().isBlank()
                ? null : contact(request.patientId());
        RenderedEmail email = render(template, personalize(template, contact, request.context(), null)).asTest();
        return new OutgoingMail(request.to(), fromAddress(template), fromName(template), email, Map.of());
    }

    /**
     * Everything a template can show one patient: names, sender, the journey's context, and the event the context
     * names (with the patient's own registration link). {@code contact} may be null (a test send as nobody).
     */
    public Personalization personalize(EmailTemplate template, PatientContact contact, Map<String, String> context,
            String unsubscribeUrl) {
        String eventId = context == null ? null : context.get(EventInvitations.EVENT_ID);
        return personalize(template, contact, context, eventId == null ? null : CatalogEvent.findById(eventId),
                unsubscribeUrl);
    }

    /** The same, with the event the context names already looked up (null if none or unknown), for batches. */
    public Personalization personalize(EmailTemplate template, PatientContact contact, Map<String, String> context,
            CatalogEvent event, String unsubscribeUrl) {
        Personalization values = Personalization.EMPTY
                .withSender(fromName(template), template.senderPostalAddress)
                .withContext(context)
                .withUnsubscribeUrl(unsubscribeUrl);
        if (contact != null) {
            values = values.withPatient(contact.givenName, contact.familyName);
        }
        if (event != null) {
            values = values.withEvent(invitations.valuesFor(event, contact == null ? null : contact.patientId));
        }
        return values;
    }

    public RenderedEmail render(EmailTemplate template, Personalization values) {
        return new RenderedEmail(
                renderer.render(template.subject, values, Target.SUBJECT),
                renderer.render(template.htmlBody, values, Target.HTML),
                renderer.render(template.textBody, values, Target.TEXT));
    }

    /** Whether the template shows event details, so a send without a known event must not go out. */
    public boolean showsEvent(EmailTemplate template) {
        return renderer.usesPrefix(template.subject, "event.") || renderer.usesPrefix(template.htmlBody, "event.")
                || renderer.usesPrefix(template.textBody, "event.");
    }

    public String fromAddress(EmailTemplate template) {
        return blank(template.fromAddress) ? config.from() : template.fromAddress;
    }

    public String fromName(EmailTemplate template) {
        return blank(template.fromName) ? config.fromName() : template.fromName;
    }

    /** Every reason the template cannot be sent to patients, by field. Empty means it may be READY. */
    List<Problem.FieldError> readinessErrors(EmailTemplate template) {
        List<Problem.FieldError> errors = new ArrayList<>(unknownTokenErrors(template));
        if (errors.isEmpty() && linksCarryPatientNames(template)) {
            // A click's address is kept by the patient's browser, proxies and our link analytics: names stay out of
            // it. The click link already tells us who clicked.
            errors.add(new Problem.FieldError("htmlBody", "a link address must not carry the patient's name "
                    + "({{patient.*}}): the click link already knows who clicked"));
        }
        if (!renderer.uses(template.htmlBody, TemplateRenderer.UNSUBSCRIBE_URL)) {
            errors.add(new Problem.FieldError("htmlBody", "the footer needs an unsubscribe link: {{unsubscribeUrl}}"));
        }
        if (template.textBody != null && !renderer.uses(template.textBody, TemplateRenderer.UNSUBSCRIBE_URL)) {
            errors.add(new Problem.FieldError("textBody", "the footer needs the unsubscribe link: {{unsubscribeUrl}}"));
        }
        if (blank(template.senderPostalAddress)) {
            errors.add(new Problem.FieldError("senderPostalAddress",
                    "the sender's postal address is required: every email must show it"));
        } else {
            if (!showsPostalAddress(template.htmlBody, template.senderPostalAddress)) {
                errors.add(new Problem.FieldError("htmlBody",
                        "the footer must show the sender's postal address: {{sender.postalAddress}}"));
            }
            if (template.textBody != null && !showsPostalAddress(template.textBody, template.senderPostalAddress)) {
                errors.add(new Problem.FieldError("textBody",
                        "the footer must show the sender's postal address: {{sender.postalAddress}}"));
            }
        }
        return errors;
    }

    /**
     * Whether an address the email's click tracking would see carries the patient's name: the HTML body is rendered
     * with a marker for each name and its links are read the way sending tracks them ({@link TrackedHtml}), so
     * conditionals, fallbacks and either kind of quote count exactly as they will. The template must render (no
     * unknown tokens).
     */
    private boolean linksCarryPatientNames(EmailTemplate template) {
        String html = renderer.render(template.htmlBody, Personalization.of(NAME_MARKER, NAME_MARKER), Target.HTML);
        AtomicBoolean carries = new AtomicBoolean();
        TrackedHtml.track(html, url -> {
            if (url.toLowerCase(Locale.ROOT).contains(NAME_MARKER)) {
                carries.set(true);
            }
            return url;
        }, "");
        return carries.get();
    }

    private boolean showsPostalAddress(String body, String address) {
        return renderer.uses(body, TemplateRenderer.POSTAL_ADDRESS) || body.contains(address);
    }

    private List<Problem.FieldError> unknownTokenErrors(EmailTemplate template) {
        List<Problem.FieldError> errors = new ArrayList<>();
        addUnknown(errors, "subject", template.subject);
        addUnknown(errors, "htmlBody", template.htmlBody);
        addUnknown(errors, "textBody", template.textBody);
        return errors;
    }

    private void addUnknown(List<Problem.FieldError> errors, String field, String text) {
        for (String token : renderer.unknownTokens(text)) {
            errors.add(new Problem.FieldError(field, "unknown token {{" + token + "}}; known: " + KNOWN_TOKENS));
        }
    }

    private void refuseIfNotSendable(EmailTemplate template, String detail) {
        List<Problem.FieldError> errors = readinessErrors(template);
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.CONFLICT, detail, errors);
        }
    }

    private void refuseUnknownTokens(EmailTemplate template) {
        List<Problem.FieldError> errors = unknownTokenErrors(template);
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.CONFLICT, "The email uses unknown tokens", errors);
        }
    }

    /** A draft may hold unknown tokens (they are refused when it becomes READY), but it must parse. */
    private void checkSyntax(TemplateContent content) {
        List<Problem.FieldError> errors = new ArrayList<>();
        addSyntax(errors, "subject", content.subject());
        addSyntax(errors, "htmlBody", content.htmlBody());
        addSyntax(errors, "textBody", content.textBody());
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "The template cannot be parsed", errors);
        }
    }

    private void addSyntax(List<Problem.FieldError> errors, String field, String text) {
        renderer.syntaxError(text).ifPresent(message -> errors.add(new Problem.FieldError(field, message)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static EmailTemplate find(UUID id) {
        EmailTemplate template = EmailTemplate.findById(id);
        if (template == null) {
            throw ProblemException.notFound("Email", id);
        }
        return template;
    }

    private static PatientContact contact(String patientId) {
        PatientContact contact = PatientContact.findById(patientId);
        if (contact == null) {
            // The id only: it is the caller's own input and not a name or address.
            throw ProblemException.notFound("Patient contact", patientId);
        }
        return contact;
    }

    /** Flushes now so a concurrent edit surfaces here as a conflict, not as a failed commit after the method. */
    private static EmailTemplateView flushed(EmailTemplate template) {
        try {
            template.flush();
        } catch (OptimisticLockException e) {
            throw stale(template.id);
        }
        return EmailTemplateView.of(template);
    }

    private static ProblemException stale(UUID id) {
        return ProblemException.conflict("Email " + id + " was changed by someone else; reload it and apply your edit again");
    }
}
