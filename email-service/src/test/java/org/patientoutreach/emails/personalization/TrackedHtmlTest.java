package org.patientoutreach.emails.personalization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
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
}
