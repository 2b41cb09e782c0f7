package org.patientoutreach.emails.personalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.personalization.TemplateRenderer.Target;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Personalization elizabeth = Personalization.of("Elizabeth", "Moore")
            .withContext(Map.of("eventId", "ev-42"));

    @Test
    void fillsPatientNamesAndContextValues() {
        String out = renderer.render("Hello {{patient.firstName}} {{patient.lastName}}, see {{context.eventId}}",
                elizabeth, Target.TEXT);
        assertEquals("Hello Elizabeth Moore, see ev-42", out);
    }

    @Test
    void fallsBackWhenAValueIsMissing() {
        Personalization nameless = Personalization.EMPTY;
        assertEquals("Hello there", renderer.render("Hello {{patient.firstName ?: 'there'}}", nameless, Target.TEXT));
        assertEquals("Hello friend", renderer.render("Hello {{patient.firstName.or('friend')}}", nameless,
                Target.TEXT));
        assertEquals("Hello Elizabeth", renderer.render("Hello {{patient.firstName ?: 'there'}}", elizabeth,
                Target.TEXT));
    }

    @Test
    void showsASectionOnlyWhenItsValueIsThere() {
        String template = "{{#if event.venue}}At {{event.venue}}{{#else}}Online{{/if}}";
        assertEquals("Online", renderer.render(template, elizabeth, Target.TEXT));
        Personalization inPerson = elizabeth.withEvent(new EventValues("Eye health", "Monday", "Monday",
                "Riverside Clinic", null, "https://events.example/r?token=t"));
        assertEquals("At Riverside Clinic", renderer.render(template, inPerson, Target.TEXT));
    }

    @Test
    void fillsEventSenderAndUnsubscribeTokens() {
        Personalization values = elizabeth
                .withEvent(new EventValues("Glaucoma talk", "Tuesday, March 3, 2026 at 6:00 PM EST", null, null,
                        "https://meet.example/x", "https://events.example/r?token=a.b"))
                .withSender("Riverside Eye Clinic", "12 Main St")
                .withUnsubscribeUrl("https://x.example/u?token=a.b");
        assertEquals("Glaucoma talk | Tuesday, March 3, 2026 at 6:00 PM EST | https://events.example/r?token=a.b | "
                + "Riverside Eye Clinic, 12 Main St | https://x.example/u?token=a.b",
                renderer.render("{{event.title}} | {{event.startsAt}} | {{event.registrationUrl}} | {{sender.name}}, "
                        + "{{sender.postalAddress}} | {{unsubscribeUrl}}", values, Target.TEXT));
    }

    @Test
    void allowsWhitespaceInsideTheBraces() {
        assertEquals("Hi Elizabeth / ev-42",
                renderer.render("Hi {{ patient.firstName }} / {{\tcontext.eventId  }}", elizabeth, Target.TEXT));
    }

    @Test
    void escapesValuesInHtmlButNotTheTemplateMarkup() {
        var tricky = Personalization.of("<b>Ann</b> & \"Jo\"", null);
        String out = renderer.render("<p>{{patient.firstName}}</p>", tricky, Target.HTML);
        assertTrue(out.startsWith("<p>&lt;b&gt;Ann&lt;/b&gt; &amp; &quot;Jo&quot;"), out);
    }

    @Test
    void leavesValuesUnescapedInPlainText() {
        var tricky = Personalization.of("<Ann> & Jo", null);
        assertEquals("Dear <Ann> & Jo", renderer.render("Dear {{patient.firstName}}", tricky, Target.TEXT));
    }

    @Test
    void keepsLineBreaksOfValuesOutOfTheSubject() {
        var injected = Personalization.of("Ann\r\nBcc: someone@example.org", null);
        assertEquals("Hello Ann Bcc: someone@example.org",
                renderer.render("Hello {{patient.firstName}}", injected, Target.SUBJECT));
    }

    @Test
    void rendersMissingValuesAndMissingContextKeysAsEmpty() {
        assertEquals("Hello , event ", renderer.render("Hello {{patient.firstName}}, event {{context.eventId}}",
                Personalization.EMPTY, Target.HTML));
    }

    @Test
    void keepsANullBodyNull() {
        assertNull(renderer.render(null, elizabeth, Target.TEXT));
    }

    @Test
    void reportsEachUnknownTokenOnce() {
        assertEquals(List.of("patient.birthDate", "foo"),
                renderer.unknownTokens("{{patient.birthDate}} {{ foo }} {{foo}} {{patient.firstName}}"));
    }

    @Test
    void reportsUnknownTokensInsideFallbacksAndSections() {
        assertEquals(List.of("patient.nickname", "patient.ssn"), renderer.unknownTokens(
                "{{patient.firstName ?: patient.nickname}} {{#if patient.ssn}}x{{/if}}"));
    }

    @Test
    void acceptsTheKnownTokens() {
        assertEquals(List.of(), renderer.unknownTokens("{{patient.firstName}}{{ patient.lastName }}"
                + "{{context.eventId}}{{context.session_2-id}}{{event.title}}{{event.startsAt}}{{event.venue}}"
                + "{{event.onlineUrl}}{{event.registrationUrl}}{{sender.name}}{{sender.postalAddress}}"
                + "{{unsubscribeUrl}}{{patient.firstName ?: 'there'}}"));
    }

    @Test
    void refusesAContextTokenWithoutKeyAndNamespaces() {
        assertEquals(List.of("context", "config:secret"), renderer.unknownTokens("{{context}} {{config:secret}}"));
    }

    @Test
    void tellsWhetherATemplateUsesAToken() {
        assertTrue(renderer.uses("<a href=\"{{ unsubscribeUrl }}\">x</a>", TemplateRenderer.UNSUBSCRIBE_URL));
        assertFalse(renderer.uses("<a href=\"https://x\">x</a>", TemplateRenderer.UNSUBSCRIBE_URL));
        assertTrue(renderer.usesPrefix("{{event.title}}", "event."));
    }

    @Test
    void reportsASyntaxErrorAndAcceptsValidTemplates() {
        assertTrue(renderer.syntaxError("{{#if patient.firstName}}unclosed").isPresent());
        assertTrue(renderer.syntaxError("{{patient.firstName}} {{#if event.venue}}x{{/if}}").isEmpty());
    }

    @Test
    void leavesSingleBracesAndStrayDoubleBracesAsText() {
        assertEquals("a { b } {x} p{color:red} {{ c", renderer.render("a { b } {x} p{color:red} {{ c", elizabeth,
                Target.HTML));
    }
}
