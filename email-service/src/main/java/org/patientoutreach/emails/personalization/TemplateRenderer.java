package org.patientoutreach.emails.personalization;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{patient.firstName}}}, {@code {{patient.lastName}}}, {@code {{context.<key>}}} and
 * {@code {{unsubscribeUrl}}} placeholders.
 * Pure: no I/O, no CDI, so it is tested with plain JUnit. Templates are checked with {@link #unknownPlaceholders}
 * when they are saved, so rendering never meets a name it does not know.
 */
public final class TemplateRenderer {

    /** How values are written into the text they land in. */
    public enum Target {
        /** An HTML body: values are escaped, so a name like {@code <b>} cannot inject markup. */
        HTML,
        /** A plain-text body: values as they are. */
        TEXT,
        /** A subject line: line breaks become spaces, so a value cannot start a new mail header. */
        SUBJECT
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern CONTEXT_KEY = Pattern.compile("context\\.([A-Za-z0-9_-]+)");
    private static final String FIRST_NAME = "patient.firstName";
    private static final String LAST_NAME = "patient.lastName";
    private static final String UNSUBSCRIBE_URL = "unsubscribeUrl";

    /** @return the placeholder names in {@code template} that cannot be rendered, in order of appearance */
    public List<String> unknownPlaceholders(String template) {
        if (template == null) {
            return List.of();
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!isKnown(name)) {
                unknown.add(name);
            }
        }
        return new ArrayList<>(unknown);
    }

    /** @return {@code template} with every placeholder replaced; {@code null} stays {@code null} */
    public String render(String template, Personalization values, Target target) {
        if (template == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            String value = valueOf(matcher.group(1), values);
            matcher.appendReplacement(out, Matcher.quoteReplacement(write(value, target)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean isKnown(String name) {
        return FIRST_NAME.equals(name) || LAST_NAME.equals(name) || UNSUBSCRIBE_URL.equals(name)
                || CONTEXT_KEY.matcher(name).matches();
    }

    private static String valueOf(String name, Personalization values) {
        if (FIRST_NAME.equals(name)) {
            return values.firstName();
        }
        if (LAST_NAME.equals(name)) {
            return values.lastName();
        }
        if (UNSUBSCRIBE_URL.equals(name)) {
            return values.unsubscribeUrl();
        }
        Matcher context = CONTEXT_KEY.matcher(name);
        return context.matches() ? values.context().get(context.group(1)) : null;
    }

    private static String write(String value, Target target) {
        if (value == null) {
            return "";
        }
        return switch (target) {
            case HTML -> escapeHtml(value);
            case TEXT -> value;
            case SUBJECT -> value.replaceAll("[\\r\\n]+", " ");
        };
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
