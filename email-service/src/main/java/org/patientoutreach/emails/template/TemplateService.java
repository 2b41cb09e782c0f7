package org.patientoutreach.emails.template;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.problem.Problem;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.commons.rest.Page;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.mail.MailSender;
import org.patientoutreach.emails.personalization.Personalization;
import org.patientoutreach.emails.personalization.RenderedEmail;
import org.patientoutreach.emails.personalization.TemplateRenderer.Target;
import org.patientoutreach.emails.personalization.TemplateRenderer;

/** Writing, checking, previewing and test-sending email templates. */
@ApplicationScoped
public class TemplateService {

    private static final Logger LOG = Logger.getLogger(TemplateService.class);

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final MailSender mailSender;

    public TemplateService(MailSender mailSender) {
        this.mailSender = mailSender;
    }

    @Transactional
    public EmailTemplateView create(TemplateContent content) {
        checkPlaceholders(content);
        EmailTemplate template = new EmailTemplate();
        template.id = UUID.randomUUID();
        content.applyTo(template);
        template.status = TemplateStatus.DRAFT;
        template.createdAt = Instant.now();
        template.updatedAt = template.createdAt;
        template.persistAndFlush();
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

    @Transactional
    public EmailTemplateView update(UUID id, TemplateContent content, long expectedVersion) {
        checkPlaceholders(content);
        EmailTemplate template = find(id);
        if (template.version != expectedVersion) {
            throw stale(id);
        }
        content.applyTo(template);
        template.updatedAt = Instant.now();
        return flushed(template);
    }

    @Transactional
    public EmailTemplateView markReady(UUID id) {
        EmailTemplate template = find(id);
        if (!template.isReady()) {
            template.status = TemplateStatus.READY;
            template.updatedAt = Instant.now();
        }
        return flushed(template);
    }

    @Transactional
    public RenderedEmail preview(UUID id, String patientId) {
        EmailTemplate template = find(id);
        return render(template, contact(patientId).personalization(Map.of()));
    }

    /** Sends outside any transaction: an SMTP round trip must not hold a database connection. */
    public void testSend(UUID id, TestSendRequest request) {
        RenderedEmail email = renderForTest(id, request.patientId()).asTest();
        try {
            mailSender.send(request.to(), email);
        } catch (MailSender.MailNotSentException e) {
            LOG.warnf("test send of email %s failed: %s", id, e.getMessage());
            throw new ProblemException(Response.Status.BAD_GATEWAY, "The SMTP server did not accept the test email");
        }
    }

    @Transactional
    RenderedEmail renderForTest(UUID id, String patientId) {
        EmailTemplate template = find(id);
        Personalization values = patientId == null || patientId.isBlank()
                ? Personalization.EMPTY
                : contact(patientId).personalization(Map.of());
        return render(template, values);
    }

    public RenderedEmail render(EmailTemplate template, Personalization values) {
        return new RenderedEmail(
                renderer.render(template.subject, values, Target.SUBJECT),
                renderer.render(template.htmlBody, values, Target.HTML),
                renderer.render(template.textBody, values, Target.TEXT));
    }

    private void checkPlaceholders(TemplateContent content) {
        List<Problem.FieldError> errors = new ArrayList<>();
        addUnknown(errors, "subject", content.subject());
        addUnknown(errors, "htmlBody", content.htmlBody());
        addUnknown(errors, "textBody", content.textBody());
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "The template uses unknown placeholders", errors);
        }
    }

    private void addUnknown(List<Problem.FieldError> errors, String field, String text) {
        for (String name : renderer.unknownPlaceholders(text)) {
            errors.add(new Problem.FieldError(field, "unknown placeholder {{" + name + "}}; use patient.firstName, "
                    + "patient.lastName, unsubscribeUrl or context.<key>"));
        }
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
