package org.patientoutreach.emails.personalization;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a rendered HTML body for engagement tracking: every {@code href} to an http(s) address is replaced by
 * what {@code link} makes of it (a click-tracking link, or the address itself to leave it alone), and an invisible
 * 1x1 image that reports the open is added at the end of the body. Pure, so it is tested with plain JUnit.
 */
public final class TrackedHtml {

    private static final Pattern HREF = Pattern.compile("(?i)(\\bhref\\s*=\\s*)([\"'])(https?://[^\"'<>\\s]+)\\2");
    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

    private TrackedHtml() {
    }

    public static String track(String html, UnaryOperator<String> link, String pixelUrl) {
        Matcher matcher = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 512);
        while (matcher.find()) {
            // The attribute holds the address HTML-escaped (e.g. &amp; between query parameters): track the real one.
            String tracked = link.apply(unescapeHtml(matcher.group(3)));
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    matcher.group(1) + matcher.group(2) + TemplateRenderer.escapeHtml(tracked) + matcher.group(2)));
        }
        matcher.appendTail(out);
        String pixel = "<img src=\"" + TemplateRenderer.escapeHtml(pixelUrl)
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\">";
        Matcher end = BODY_END.matcher(out);
        int at = -1;
        while (end.find()) {
            at = end.start(); // the last </body>: a body may quote HTML that contains one
        }
        if (at < 0) {
            return out.append(pixel).toString();
        }
        return out.insert(at, pixel).toString();
    }

    static String unescapeHtml(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        return value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&#38;", "&").replace("&amp;", "&");
    }
}
