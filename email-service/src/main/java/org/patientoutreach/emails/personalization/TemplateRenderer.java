package org.patientoutreach.emails.personalization;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateNode.Origin;
import io.quarkus.qute.Variant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders templates written with {@code {{token}}} placeholders through Qute. Marketers write
 * {@code {{patient.firstName ?: 'there'}}}, {@code {{patient.firstName.or('there')}}} or
 * {@code {{#if event.venue}}...{{/if}}}; every {@code {{...}}} becomes a Qute tag and every other curly bracket is
 * literal text (CSS in a style block stays as it is). Pure: no I/O, no CDI, so it is tested with plain JUnit.
 */
public final class TemplateRenderer {

    /** How values are written into the text they land in. */
    public enum Target {
        /** An HTML body: values are escaped, so a name like {@code <b>} cannot inject markup. */
        HTML("text/html"),
        /** A plain-text body: values as they are. */
        TEXT("text/plain"),
        /** A subject line: line breaks become spaces, so a value cannot start a new mail header. */
        SUBJECT("text/x-subject");

        final Variant variant;

        Target(String contentType) {
            this.variant = Variant.forContentType(contentType);
        }
    }

    /** The tokens a template may use, by their first part; {@code context.<key>} takes any key. */
    static final Map<String, Set<String>> KNOWN = Map.of(
            "patient", Set.of("firstName", "lastName"),
            "event", Set.of("title", "startsAt", "endsAt", "venue", "onlineUrl", "registrationUrl"),
            "sender", Set.of("name", "postalAddress"));
    static final String CONTEXT = "context";
    public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    public static final String POSTAL_ADDRESS = "sender.postalAddress";

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}", Pattern.DOTALL);
    private static final int CACHE_LIMIT = 1_000;

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addResultMapper(new HtmlEscaper(List.of(Target.HTML.variant.getContentType())))
            .addResultMapper(new SubjectLine())
            .strictRendering(true)
            .build();
    // A journey sends one template to thousands of patients: parse it once per target. Keyed by the source itself, not
    // a key built from it: each email looks its templates up six times, and building the key copied the whole text.
    private final Map<Target, Map<String, Template>> parsed = perTarget();
    private final Map<String, List<String>> tokenPaths = new ConcurrentHashMap<>();

    /** @return the parser's complaint about {@code source}, if it is not a valid template */
    public Optional<String> syntaxError(String source) {
        if (source == null) {
            return Optional.empty();
        }
        try {
            engine.parse(toQute(source));
            return Optional.empty();
        } catch (TemplateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @return the tokens in {@code source} that no send can fill, in order of appearance (source must parse) */
    public List<String> unknownTokens(String source) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Expression expression : expressions(source)) {
            collectUnknown(expression, unknown);
        }
        return new ArrayList<>(unknown);
    }

    /** @return whether {@code source} uses {@code token} (e.g. {@code unsubscribeUrl}) anywhere */
    public boolean uses(String source, String token) {
        return paths(source).contains(token);
    }

    /** @return whether {@code source} uses any token starting with {@code prefix} (e.g. {@code event.}) */
    public boolean usesPrefix(String source, String prefix) {
        return paths(source).stream().anyMatch(path -> path.startsWith(prefix));
    }

    /** The token paths of {@code source}: asked for every email (does it show event details?), so kept. */
    private List<String> paths(String source) {
        if (source == null) {
            return List.of();
        }
        List<String> found = tokenPaths.get(source);
        if (found == null) {
            if (tokenPaths.size() >= CACHE_LIMIT) {
                tokenPaths.clear();
            }
            found = expressions(source).stream().map(TemplateRenderer::path).toList();
            tokenPaths.put(source, found);
        }
        return found;
    }

    /** @return {@code source} with every token filled; {@code null} stays {@code null} */
    public String render(String source, Personalization values, Target target) {
        if (source == null) {
            return null;
        }
        TemplateInstance instance = template(source, target).instance();
        values.data().forEach(instance::data);
        return instance.render();
    }

    private List<Expression> expressions(String source) {
        return source == null ? List.of() : template(source, Target.TEXT).getExpressions();
    }

    private static Map<Target, Map<String, Template>> perTarget() {
        Map<Target, Map<String, Template>> caches = new EnumMap<>(Target.class);
        for (Target target : Target.values()) {
            caches.put(target, new ConcurrentHashMap<>());
        }
        return caches;
    }

    private Template template(String source, Target target) {
        Map<String, Template> ofTarget = parsed.get(target);
        Template template = ofTarget.get(source);
        if (template == null) {
            if (ofTarget.size() >= CACHE_LIMIT) {
                ofTarget.clear(); // templates are few; a full cache means edits piled up, not a working set
            }
            template = engine.parse(toQute(source), target.variant);
            ofTarget.put(source, template);
        }
        return template;
    }

    private static void collectUnknown(Expression expression, Set<String> unknown) {
        if (expression.isLiteral()) {
            return;
        }
        String path = path(expression);
        if (expression.getNamespace() != null || !isKnown(path)) {
            unknown.add((expression.getNamespace() == null ? "" : expression.getNamespace() + ":") + path);
        }
        for (Expression.Part part : expression.getParts()) {
            if (part.isVirtualMethod()) {
                part.asVirtualMethod().getParameters().forEach(p -> collectUnknown(p, unknown));
            }
        }
    }

    /** The property path of an expression, up to the first method call ({@code ?:}, {@code or(...)}). */
    static String path(Expression expression) {
        StringBuilder path = new StringBuilder();
        for (Expression.Part part : expression.getParts()) {
            if (part.isVirtualMethod()) {
                break;
            }
            path.append(path.isEmpty() ? "" : ".").append(part.getName());
        }
        return path.toString();
    }

    private static boolean isKnown(String path) {
        if (UNSUBSCRIBE_URL.equals(path)) {
            return true;
        }
        int dot = path.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String root = path.substring(0, dot);
        String rest = path.substring(dot + 1);
        if (CONTEXT.equals(root)) {
            return rest.matches("[A-Za-z0-9_-]+");
        }
        return KNOWN.getOrDefault(root, Set.of()).contains(rest);
    }

    /** {@code {{x}}} becomes the Qute tag {@code {x}}; any other curly bracket is escaped to stay literal text. */
    static String toQute(String source) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        Matcher token = TOKEN.matcher(source);
        int at = 0;
        while (token.find()) {
            literal(source.substring(at, token.start()), out);
            out.append('{').append(token.group(1)).append('}');
            at = token.end();
        }
        literal(source.substring(at), out);
        return out.toString();
    }

    private static void literal(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    static String escapeHtml(String value) {
        int first = 0;
        while (first < value.length() && !needsEscape(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return value; // the common case: a tracking link has nothing to escape
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
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

    private static boolean needsEscape(char c) {
        return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
    }

    /** Values in a subject line lose their line breaks: a header cannot be split by data. */
    private static final class SubjectLine implements ResultMapper {

        @Override
        public boolean appliesTo(Origin origin, Object result) {
            return origin.getVariant().map(v -> Target.SUBJECT.variant.getContentType().equals(v.getContentType()))
                    .orElse(false);
        }

        @Override
        public String map(Object result, Expression expression) {
            return result.toString().replaceAll("[\\r\\n]+", " ");
        }
    }
}
