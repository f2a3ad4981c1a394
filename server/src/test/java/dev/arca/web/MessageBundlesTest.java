package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * All UI text lives in the message bundles, in every supported language. Reads the templates
 * and scripts as source: a key used but missing from a bundle, a key in one language only, or
 * words written straight into a template fail here.
 */
class MessageBundlesTest {

    private static final Path TEMPLATES = Path.of("src/main/jte");
    private static final Path SCRIPTS = Path.of("src/main/resources/static/js");
    private static final List<String> BUNDLES = List.of("messages", "library");
    private static final Pattern KEY_USE = Pattern.compile("\\bt\\(\\s*\"([A-Za-z0-9_.-]+)\"\\s*[,)]");
    /** Attributes whose value people read or hear. */
    private static final Pattern READ_ATTRIBUTE =
            Pattern.compile("\\b(alt|title|placeholder|aria-label|label)\\s*=\\s*\"([^\"]*)\"");

    @Test
    void everyKeyUsedIsInEveryLanguage() throws IOException {
        Set<String> english = keys("");
        Set<String> german = keys("_de");
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher m = KEY_USE.matcher(Files.readString(template));
            while (m.find()) {
                if (!english.contains(m.group(1))) {
                    missing.add(template + ": " + m.group(1) + " (English)");
                }
                if (!german.contains(m.group(1))) {
                    missing.add(template + ": " + m.group(1) + " (German)");
                }
            }
        }
        assertThat(missing).as("keys used by templates but missing from a bundle").isEmpty();
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> onlyEnglish = new TreeSet<>(keys(""));
        onlyEnglish.removeAll(keys("_de"));
        Set<String> onlyGerman = new TreeSet<>(keys("_de"));
        onlyGerman.removeAll(keys(""));
        assertThat(onlyEnglish).as("keys without German text").isEmpty();
        assertThat(onlyGerman).as("keys without English text").isEmpty();
    }

    @Test
    void templatesHoldNoWordsOfTheirOwn() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path template : templates()) {
            String text = visibleText(Files.readString(template));
            Matcher words = Pattern.compile("\\p{L}{2,}[^<\\n]*").matcher(text);
            while (words.find()) {
                found.add(TEMPLATES.relativize(template) + ": \"" + words.group().strip() + "\"");
            }
        }
        assertThat(found).as("text written into templates instead of the bundles").isEmpty();
    }

    @Test
    void scriptsTakeTheirWordsFromThePage() throws IOException {
        // Scripts show text only from data-* attributes the templates fill from the bundles:
        // a quoted string with a space and a letter in a script is text meant for people.
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            for (Path script : files.toList()) {
                Matcher m = Pattern.compile("(['\"`])(\\p{Lu}\\p{L}+ [^'\"`]*)\\1").matcher(Files.readString(script)
                        .replaceAll("(?m)^\\s*//.*$", "").replaceAll("(?s)/\\*.*?\\*/", ""));
                while (m.find()) {
                    found.add(script.getFileName() + ": " + m.group(2));
                }
            }
        }
        assertThat(found).as("UI text in scripts").isEmpty();
    }

    @Test
    void theCheckFindsWordsItShouldFind() {
        // The check itself: text nodes and read attributes count, expressions, tags and directives do not.
        assertThat(visibleText("<p>Hello</p>")).contains("Hello");
        assertThat(visibleText("<img alt=\"A cat\" src=\"${x}\">")).contains("A cat");
        assertThat(visibleText("@if(a.b())<p>${layout.t(\"x.y\")}</p>@endif")).doesNotContainPattern("\\p{L}");
        assertThat(visibleText("@param String title\n<a href=\"/x\" class=\"more\">${t}</a>")).doesNotContainPattern("\\p{L}");
        assertThat(visibleText("@template.layout.page(layout = layout, title = \"Trash\", content = @`<p>Gone</p>`)"))
                .contains("Trash").contains("Gone").doesNotContain("layout");
        assertThat(visibleText("@template.layout.page(layout = layout, title = layout.t(\"trash.title\"), content = @`${x}`)"))
                .doesNotContainPattern("\\p{L}");
        assertThat(visibleText("@template.admin.counts(layout = layout, id = \"pages\", counts = c)")).doesNotContainPattern("\\p{L}");
        assertThat(visibleText("<script src=\"/js/a.js\"></script><%-- note --%>")).doesNotContainPattern("\\p{L}");
    }

    /** The text a reader of the rendered page would see or hear, with everything computed removed. */
    static String visibleText(String template) {
        String s = template.replaceAll("(?s)<%--.*?--%>", " ");
        s = s.replaceAll("(?m)^\\s*@(import|param)\\b.*$", " ");
        s = removeBalanced(s, "${", '{', '}');
        s = removeBalanced(s, "$unsafe{", '{', '}');
        s = removeBalanced(s, "!{", '{', '}');
        s = templateCalls(s);
        for (String directive : List.of("@if", "@elseif", "@for")) {
            s = removeDirective(s, directive);
        }
        s = s.replaceAll("@(else|endif|endfor)\\b", " ").replace("@`", " ").replace("`)", " ").replace("`", " ");
        s = s.replaceAll("(?s)<(script|style)\\b[^>]*>.*?</\\1>", " ");
        StringBuilder out = new StringBuilder();
        Matcher tag = Pattern.compile("(?s)<[^>]*>").matcher(s);
        int last = 0;
        while (tag.find()) {
            out.append(s, last, tag.start()).append('\n');
            Matcher attribute = READ_ATTRIBUTE.matcher(tag.group());
            while (attribute.find()) {
                out.append(attribute.group(2)).append('\n');
            }
            last = tag.end();
        }
        out.append(s.substring(last));
        return out.toString().replaceAll("&[a-z]+;|&#\\d+;", " ");
    }

    /**
     * Keeps a template call's content blocks as text, and of its other arguments only the string
     * literals that are not message keys: {@code title = "Library"} is words in a template.
     */
    private static String templateCalls(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int at = s.indexOf("@template.", i);
            if (at < 0) {
                return out.append(s.substring(i)).toString();
            }
            out.append(s, i, at).append(' ');
            int open = s.indexOf('(', at);
            int end = close(s, open, '(', ')');
            int block = s.indexOf("@`", open);
            int argumentsEnd = block >= 0 && block < end ? block : end;
            Matcher literal = Pattern.compile("(t\\(\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(s.substring(open, argumentsEnd));
            while (literal.find()) {
                // Ids and names in lower case are code; words for people have capitals or spaces.
                if (literal.group(1) == null && literal.group(2).matches("(?s).*[\\p{Lu}\\s].*")) {
                    out.append('\n').append(literal.group(2)).append('\n');
                }
            }
            i = argumentsEnd;
        }
    }

    private static String removeDirective(String s, String directive) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int at = s.indexOf(directive, i);
            if (at < 0) {
                return out.append(s.substring(i)).toString();
            }
            out.append(s, i, at).append(' ');
            int open = s.indexOf('(', at);
            if (open < 0) {
                return out.toString();
            }
            i = close(s, open, '(', ')');
        }
    }

    private static String removeBalanced(String s, String start, char open, char close) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int at = s.indexOf(start, i);
            if (at < 0) {
                return out.append(s.substring(i)).toString();
            }
            out.append(s, i, at).append(' ');
            i = close(s, at + start.length() - 1, open, close);
        }
    }

    /** The index after the bracket that closes the one at {@code from}, skipping string literals. */
    private static int close(String s, int from, char open, char close) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static Set<String> keys(String suffix) {
        Set<String> keys = new TreeSet<>();
        for (String bundle : BUNDLES) {
            try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + bundle + suffix + ".properties")) {
                assertThat(in).as("bundle i18n/" + bundle + suffix).isNotNull();
                Properties p = new Properties();
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                p.stringPropertyNames().forEach(keys::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".jte")).sorted().toList();
        }
    }
}
