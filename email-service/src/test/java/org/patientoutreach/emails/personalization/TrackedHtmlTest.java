package org.patientoutreach.emails.personalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrackedHtmlTest {

    private static final String PIXEL = "https://o.example/t/open?token=p";

    @Test
    void rewritesEveryWebLinkWithTheRealAddressAndEscapesTheTrackedOne() {
        List<String> seen = new ArrayList<>();
        String out = TrackedHtml.track("<a href=\"https://a.example/x?b=1&amp;c=2\">A</a> <A HREF='http://b.example'>B</A>",
                url -> {
                    seen.add(url);
                    return "https://t.example/c?token=t&url=" + seen.size();
                }, PIXEL);
        assertEquals(List.of("https://a.example/x?b=1&c=2", "http://b.example"), seen);
        assertEquals("<a href=\"https://t.example/c?token=t&amp;url=1\">A</a> "
                + "<A HREF='https://t.example/c?token=t&amp;url=2'>B</A>"
                + "<img src=\"https://o.example/t/open?token=p\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\">", out);
    }

    @Test
    void leavesOtherSchemesAndLinksTheCallerKeepsAlone() {
        String html = "<a href=\"mailto:care@x.example\">m</a><a href=\"tel:+1555\">t</a><a href=\"/relative\">r</a>"
                + "<a href=\"https://keep.example/u\">k</a>";
        String out = TrackedHtml.track(html, url -> url, PIXEL);
        assertEquals(html + "<img src=\"" + PIXEL + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\">", out);
    }

    @Test
    void putsThePixelBeforeTheLastClosingBodyTag() {
        String out = TrackedHtml.track("<html><body><p>Hi</p></BODY></html>", url -> url, PIXEL);
        assertEquals("<html><body><p>Hi</p><img src=\"" + PIXEL
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\"></BODY></html>", out);
    }

    @Test
    void putsTheScannersTrapFirstInTheBodyHiddenUntrackedAndWithoutText() {
        String trap = "<a href=\"https://o.example/t/scan?token=p\" style=\"display:none;mso-hide:all\" "
                + "aria-hidden=\"true\" tabindex=\"-1\"></a>";
        String out = TrackedHtml.track("<html><body class=\"x\"><a href=\"https://a.example\">A</a></body></html>",
                url -> "https://t.example/c", PIXEL, "https://o.example/t/scan?token=p");
        assertEquals("<html><body class=\"x\">" + trap + "<a href=\"https://t.example/c\">A</a><img src=\"" + PIXEL
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\"></body></html>", out);
        assertTrue(TrackedHtml.track("<bodyguard>Hi", url -> url, PIXEL, "https://o.example/t/scan?token=p")
                .startsWith(trap + "<bodyguard>"), "no body tag: first of all");
        assertTrue(TrackedHtml.track("<!DOCTYPE html><HTML lang=\"en\"><head><title>t</title></head><p>Hi", url -> url,
                PIXEL, "https://o.example/t/scan?token=p").startsWith("<!DOCTYPE html><HTML lang=\"en\"><head><title>t"
                + "</title></head>" + trap + "<p>Hi"), "no body tag: after the head, never before the doctype");
        assertTrue(TrackedHtml.track("<!DOCTYPE html><html><p>Hi", url -> url, PIXEL,
                "https://o.example/t/scan?token=p").startsWith("<!DOCTYPE html><html>" + trap), "or after the html tag");
    }

    @Test
    void findsTheSameLinksAndBodyEndAsTheRegularExpressionItReplaced() {
        // Each slot of an anchor varies between what matches and near misses, so most samples hold both.
        String[][] slots = { { "", "<a ", "x", "_", "é", " " }, { "href", "HREF", "hRef", "hre" },
                { "", " ", "\t\n" }, { "=", "=", "=", "", ":" }, { "", " ", "\r\n" }, { "\"", "'", "" },
                { "https://", "https://", "http://", "HTTPS://", "Http://", "https:/", "ftp://", "httpx://" },
                { "a.example/p?x=1&amp;y=2", "b", "", "c d", "e<f", "g>h" }, { "\"", "\"", "'", "", " " },
                { ">x</a>", "", "</body>", "</BODY \n>", "</bod>", "</body" } };
        Random random = new Random(42);
        UnaryOperator<String> link = url -> "https://t.example/c?u=" + url.length();
        int rewritten = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder html = new StringBuilder();
            for (int anchors = 1 + random.nextInt(3); anchors > 0; anchors--) {
                for (String[] slot : slots) {
                    html.append(slot[random.nextInt(slot.length)]);
                }
            }
            String input = html.toString();
            String expected = byPattern(input, link);
            assertEquals(expected, TrackedHtml.track(input, link, PIXEL), input);
            rewritten += expected.contains("t.example") ? 1 : 0;
        }
        assertTrue(rewritten > 300, "the samples exercise rewriting: " + rewritten);
    }

    /** The former implementation, kept as the reference the scan must agree with. */
    private static String byPattern(String html, UnaryOperator<String> link) {
        Matcher matcher = Pattern.compile("(?i)(\\bhref\\s*=\\s*)([\"'])(https?://[^\"'<>\\s]+)\\2").matcher(html);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String tracked = link.apply(TrackedHtml.unescapeHtml(matcher.group(3)));
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    matcher.group(1) + matcher.group(2) + TemplateRenderer.escapeHtml(tracked) + matcher.group(2)));
        }
        matcher.appendTail(out);
        String pixel = "<img src=\"" + TemplateRenderer.escapeHtml(PIXEL)
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\">";
        Matcher end = Pattern.compile("(?i)</body\\s*>").matcher(out);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        return at < 0 ? out.append(pixel).toString() : out.insert(at, pixel).toString();
    }
}
