package org.patientoutreach.emails.personalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.personalization.TemplateRenderer.Target;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Personalization elizabeth = new Personalization("Elizabeth", "Moore", Map.of("eventId", "ev-42"));

    @Test
    void fillsPatientNamesAndContextValues() {
        String out = renderer.render("Hello {{patient.firstName}} {{patient.lastName}}, see {{context.eventId}}",
                elizabeth, Target.TEXT);
        assertEquals("Hello Elizabeth Moore, see ev-42", out);
    }

    @Test
    void fillsTheUnsubscribeLinkAndLeavesItEmptyWhereThereIsNone() {
        String template = "<a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>";
        assertEquals(List.of(), renderer.unknownPlaceholders(template));
        assertEquals("<a href=\"https://x.example/u?token=a.b\">Unsubscribe</a>", renderer.render(template,
                elizabeth.withUnsubscribeUrl("https://x.example/u?token=a.b"), Target.HTML));
        assertEquals("<a href=\"\">Unsubscribe</a>", renderer.render(template, elizabeth, Target.HTML));
    }

    @Test
    void allowsWhitespaceInsideTheBraces() {
        assertEquals("Hi Elizabeth / ev-42",
                renderer.render("Hi {{ patient.firstName }} / {{\tcontext.eventId  }}", elizabeth, Target.TEXT));
    }

    @Test
    void escapesValuesInHtmlButNotTheTemplateMarkup() {
        var tricky = new Personalization("<b>Ann</b> & \"Jo\" O'Hara", null, Map.of());
        assertEquals("<p>&lt;b&gt;Ann&lt;/b&gt; &amp; &quot;Jo&quot; O&#39;Hara</p>",
                renderer.render("<p>{{patient.firstName}}</p>", tricky, Target.HTML));
    }

    @Test
    void leavesValuesUnescapedInPlainText() {
        var tricky = new Personalization("<Ann> & Jo", null, Map.of());
        assertEquals("Dear <Ann> & Jo", renderer.render("Dear {{patient.firstName}}", tricky, Target.TEXT));
    }

    @Test
    void keepsLineBreaksOfValuesOutOfTheSubject() {
        var injected = new Personalization("Ann\r\nBcc: someone@example.org", null, Map.of());
        assertEquals("Hello Ann Bcc: someone@example.org",
                renderer.render("Hello {{patient.firstName}}", injected, Target.SUBJECT));
    }

    @Test
    void rendersMissingValuesAsEmpty() {
        assertEquals("Hello , event ", renderer.render("Hello {{patient.firstName}}, event {{context.eventId}}",
                Personalization.EMPTY, Target.HTML));
    }

    @Test
    void rendersReplacementCharactersLiterally() {
        var dollars = new Personalization("$1 \\o/", null, Map.of());
        assertEquals("Hi $1 \\o/", renderer.render("Hi {{patient.firstName}}", dollars, Target.TEXT));
    }

    @Test
    void keepsANullBodyNull() {
        assertNull(renderer.render(null, elizabeth, Target.TEXT));
    }

    @Test
    void reportsEachUnknownPlaceholderOnce() {
        assertEquals(List.of("patient.birthDate", "foo", ""),
                renderer.unknownPlaceholders("{{patient.birthDate}} {{ foo }} {{foo}} {{patient.firstName}} {{ }}"));
    }

    @Test
    void acceptsTheKnownPlaceholders() {
        assertEquals(List.of(), renderer.unknownPlaceholders(
                "{{patient.firstName}}{{ patient.lastName }}{{context.eventId}}{{context.session_2-id}}"));
    }

    @Test
    void rejectsAContextPlaceholderWithoutKey() {
        assertEquals(List.of("context.", "context"), renderer.unknownPlaceholders("{{context.}} {{context}}"));
    }

    @Test
    void leavesTextWithoutPlaceholdersAlone() {
        assertEquals("a { b } {{ c", renderer.render("a { b } {{ c", elizabeth, Target.HTML));
    }
}
