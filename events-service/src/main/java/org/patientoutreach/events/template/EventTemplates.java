package org.patientoutreach.events.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.events.event.EventRequest;
import org.patientoutreach.events.event.EventService;
import org.patientoutreach.events.event.EventSession;
import org.patientoutreach.events.event.EventView;
import org.patientoutreach.events.event.Sponsor;

/**
 * The shipped provider and payer templates, read once from {@code event-templates.json}, and events made from them:
 * a template fills a new DRAFT's type, format, title, description, capacity, sessions (its agenda placed from the
 * start) and registration questions; the draft is then edited like any other event.
 */
@ApplicationScoped
public class EventTemplates {

    static final String RESOURCE = "event-templates.json";

    private final List<EventTemplate> templates;
    private final EventService events;
    private final Validator validator;

    EventTemplates(EventService events, Validator validator) {
        this.templates = load();
        this.events = events;
        this.validator = validator;
    }

    static List<EventTemplate> load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return List.copyOf(new ObjectMapper().readValue(in, new TypeReference<List<EventTemplate>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read", e);
        }
    }

    /** Templates in shipped order, those of one sponsor if given. */
    public List<EventTemplate> list(Sponsor sponsor) {
        return templates.stream().filter(t -> sponsor == null || t.sponsor() == sponsor).toList();
    }

    public EventTemplate require(String key) {
        return find(key).orElseThrow(() -> ProblemException.notFound("Event template", key));
    }

    private Optional<EventTemplate> find(String key) {
        return templates.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    /** Creates a DRAFT from the template; the request's fields win over the template's. */
    public EventView create(String key, FromTemplateRequest request) {
        EventRequest definition = definition(require(key), request);
        // The same rules as a hand-made event (timezone, https joinUrl, ...), so the problem names the same fields.
        Set<ConstraintViolation<EventRequest>> violations = validator.validate(definition);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return events.create(definition, key);
    }

    static EventRequest definition(EventTemplate template, FromTemplateRequest request) {
        Instant start = request.startsAt();
        List<EventSession> sessions = template.agenda().stream()
                .map(item -> new EventSession(item.title(), item.description(),
                        start.plus(Duration.ofMinutes(item.offsetMinutes())),
                        start.plus(Duration.ofMinutes(item.offsetMinutes() + item.durationMinutes())), List.of()))
                .toList();
        return new EventRequest(
                request.title() != null && !request.title().isBlank() ? request.title() : template.title(),
                template.description(), template.sponsor(), template.type(), template.format(), start,
                start.plus(Duration.ofMinutes(template.durationMinutes())), request.timezone(),
                request.capacity() != null ? request.capacity() : template.defaultCapacity(),
                request.joinUrl(), request.location(), sessions, template.registrationQuestions());
    }
}
