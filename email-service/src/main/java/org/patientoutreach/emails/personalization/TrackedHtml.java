package org.patientoutreach.emails.personalization;

import java.util.function.UnaryOperator;

/**
 * Prepares a rendered HTML body for engagement tracking: every {@code href} to an http(s) address is replaced by
 * what {@code link} makes of it (a click-tracking link, or the address itself to leave it alone), an invisible 1x1
 * image that reports the open is added at the end of the body and, when asked, a hidden link for mail scanners at its
 * start. Pure, so it is tested with plain JUnit.
 *
 * <p>A hand-written scan, not a regular expression: it runs once per email on the send path, where the
 * case-insensitive pattern it replaces was the largest part of rendering (measured). It accepts what that pattern
 * did: {@code href}, any case, not inside a longer word, optional white space around {@code =}, a quoted
 * {@code http://} or {@code https://} address without quotes, angle brackets or white space, closed by the same quote.
 */
public final class TrackedHtml {

    private TrackedHtml() {
    }

    public static String track(String html, UnaryOperator<String> link, String pixelUrl) {
        return track(html, link, pixelUrl, null);
    }

    /**
     * As {@link #track(String, UnaryOperator, String)}, and first in the body a link meant for programs only
     * ({@code trapUrl}: no text, hidden from view, from Outlook, from screen readers and from the tab order), which a
     * mail scanner following every address of the email fetches: its later hits on the email's other links and pixel
     * are then told apart from the patient's. A person who does reach it gets an empty answer, and only hits from
     * their own address in the next moments are left out.
     */
    public static String track(String html, UnaryOperator<String> link, String pixelUrl, String trapUrl) {
        StringBuilder out = new StringBuilder(html.length() + 512);
        int copied = 0;
        int at = 0;
        while ((at = indexOfIgnoreCase(html, "href", at)) >= 0) {
            int next = at + 4;
            int start = addressStart(html, at);
            int end = start < 0 ? -1 : addressEnd(html, start);
            if (end < 0) {
                at = next;
                continue;
            }
            // The attribute holds the address HTML-escaped (e.g. &amp; between query parameters): track the real one.
            String tracked = link.apply(unescapeHtml(html.substring(start, end)));
            out.append(html, copied, start).append(TemplateRenderer.escapeHtml(tracked));
            copied = end; // the closing quote goes out with the rest
            at = end + 1;
        }
        out.append(html, copied, html.length());
        if (trapUrl != null) {
            out.insert(firstBodyContent(out), "<a href=\"" + TemplateRenderer.escapeHtml(trapUrl)
                    + "\" style=\"display:none;mso-hide:all\" aria-hidden=\"true\" tabindex=\"-1\"></a>");
        }
        String body = out.toString();
        String pixel = "<img src=\"" + TemplateRenderer.escapeHtml(pixelUrl)
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0\">";
        int bodyEnd = lastBodyEnd(body);
        if (bodyEnd < 0) {
            return body + pixel;
        }
        return body.substring(0, bodyEnd) + pixel + body.substring(bodyEnd);
    }

    /** Where the quoted web address of the {@code href} at {@code at} starts, or -1 if there is none. */
    private static int addressStart(String html, int at) {
        if (at > 0 && isWordChar(html.charAt(at - 1))) {
            return -1;
        }
        int i = skipSpace(html, at + 4);
        if (i >= html.length() || html.charAt(i) != '=') {
            return -1;
        }
        i = skipSpace(html, i + 1);
        if (i >= html.length() || (html.charAt(i) != '"' && html.charAt(i) != '\'')) {
            return -1;
        }
        int start = i + 1;
        if (!html.regionMatches(true, start, "http", 0, 4)) {
            return -1;
        }
        int scheme = start + 4;
        if (scheme < html.length() && (html.charAt(scheme) == 's' || html.charAt(scheme) == 'S')) {
            scheme++;
        }
        return html.startsWith("://", scheme) ? start : -1;
    }

    /** The index of the closing quote after the address at {@code start}, or -1 if it is not closed as opened. */
    private static int addressEnd(String html, int start) {
        char quote = html.charAt(start - 1);
        int rest = start + (html.charAt(start + 4) == ':' ? 7 : 8); // after "http://" or "https://"
        int i = rest;
        while (i < html.length() && !endsAddress(html.charAt(i))) {
            i++;
        }
        return i > rest && i < html.length() && html.charAt(i) == quote ? i : -1;
    }

    /**
     * Right after the opening body tag; without one, after the head, else after the html tag, else at the start (never
     * before a doctype, which would switch mail clients to quirks mode).
     */
    private static int firstBodyContent(CharSequence html) {
        String text = html.toString();
        int body = tagEnd(text, "<body");
        if (body >= 0) {
            return body;
        }
        int headEnd = indexOfIgnoreCase(text, "</head>", 0);
        if (headEnd >= 0) {
            return headEnd + "</head>".length();
        }
        int htmlTag = tagEnd(text, "<html");
        return Math.max(htmlTag, 0);
    }

    /** Just after the first tag {@code open} ({@code <body}, not {@code <bodyx}), or -1. */
    private static int tagEnd(String text, String open) {
        int at = indexOfIgnoreCase(text, open, 0);
        int after = at + open.length();
        while (at >= 0 && after < text.length() && text.charAt(after) != '>' && text.charAt(after) != '/'
                && !isSpace(text.charAt(after))) {
            at = indexOfIgnoreCase(text, open, after);
            after = at + open.length();
        }
        int close = at < 0 ? -1 : text.indexOf('>', at);
        return close < 0 ? -1 : close + 1;
    }

    /**
     * The last {@code </body>} (any case, white space allowed before the {@code >}): a body may quote HTML. Searched
     * from the end, where it is: a forward scan over every email's whole body was the largest part of tracking.
     */
    private static int lastBodyEnd(String html) {
        for (int at = html.length() - 6; at >= 0; at--) {
            if (html.charAt(at) == '<' && html.regionMatches(true, at, "</body", 0, 6)) {
                int i = skipSpace(html, at + 6);
                if (i < html.length() && html.charAt(i) == '>') {
                    return at;
                }
            }
        }
        return -1;
    }

    /** {@code word} is lower case and starts with a character whose only other case is its upper case. */
    private static int indexOfIgnoreCase(String html, String word, int from) {
        char first = word.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = from; i <= html.length() - word.length(); i++) {
            char c = html.charAt(i);
            if ((c == first || c == firstUpper) && html.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String html, int i) {
        while (i < html.length() && isSpace(html.charAt(i))) {
            i++;
        }
        return i;
    }

    /** What {@code \s} matches. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean endsAddress(char c) {
        return c == '"' || c == '\'' || c == '<' || c == '>' || isSpace(c);
    }

    /** What ends a word for {@code \b}. */
    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    static String unescapeHtml(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        return value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&#38;", "&").replace("&amp;", "&");
    }
}
