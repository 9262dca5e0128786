package io.mosaic.fragments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The rules that keep teams' assets from hurting each other or the page: every selector starts
 * with the team's root class (or {@code :host}, inside a shadow root), keyframe names carry the
 * same prefix because they are global, and nothing refers to another origin.
 */
class StylesheetAndAssetRulesTests {

    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

    @ParameterizedTest
    @EnumSource(FragmentApp.class)
    void everySelectorStartsWithTheTeamsRootClass(FragmentApp app) throws IOException {
        String rootClass = EveryFragmentStartsAloneTests.ROOT_CLASSES.get(app);
        Pattern scoped = Pattern.compile("^(\\." + Pattern.quote(rootClass) + "|:host)(?![\\w-]).*", Pattern.DOTALL);
        Resource[] stylesheets = this.resources.getResources("classpath:static/" + app.fragmentName() + "/*.css");
        assertThat(stylesheets).as("stylesheets of " + app.fragmentName()).isNotEmpty();
        for (Resource stylesheet : stylesheets) {
            Stylesheet parsed = Stylesheet.parse(stylesheet.getContentAsString(StandardCharsets.UTF_8));
            assertThat(parsed.selectors()).as(stylesheet.getFilename()).isNotEmpty().allMatch((s) -> scoped.matcher(s).matches());
            assertThat(parsed.keyframes()).as(stylesheet.getFilename()).allMatch((name) -> name.startsWith(rootClass + "-"));
        }
    }

    @Test
    void checkerRejectsGlobalSelectors() {
        Stylesheet parsed = Stylesheet.parse("/* x { } */ .a .b, body { } @media (min-width: 1px) { h2 { } } @keyframes spin { to { } }"
                + " @container (max-width: 2rem) { td { } }");
        assertThat(parsed.selectors()).containsExactly(".a .b", "body", "h2", "td");
        assertThat(parsed.keyframes()).containsExactly("spin");
    }

    @Test
    void nothingRefersToAnotherOrigin() throws IOException {
        Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}|@import");
        List<Resource> files = new ArrayList<>();
        files.addAll(List.of(this.resources.getResources("classpath:static/**/*.*")));
        files.addAll(List.of(this.resources.getResources("classpath:templates/**/*.html")));
        assertThat(files).hasSizeGreaterThanOrEqualTo(14);
        for (Resource file : files) {
            String text = file.getContentAsString(StandardCharsets.UTF_8);
            assertThat(external.matcher(text).find()).as(file.getFilename()).isFalse();
        }
    }

    @Test
    void scriptsNeverWriteMarkupFromData() throws IOException {
        for (Resource script : this.resources.getResources("classpath:static/**/*.js")) {
            assertThat(script.getContentAsString(StandardCharsets.UTF_8)).as(script.getFilename())
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        }
    }

    /** Just enough of CSS to find selectors: comments, nested at-rules and keyframes. */
    record Stylesheet(List<String> selectors, List<String> keyframes) {

        static Stylesheet parse(String css) {
            Stylesheet sheet = new Stylesheet(new ArrayList<>(), new ArrayList<>());
            sheet.readBlock(css.replaceAll("(?s)/\\*.*?\\*/", ""));
            return sheet;
        }

        private void readBlock(String text) {
            int position = 0;
            while (true) {
                int open = text.indexOf('{', position);
                if (open < 0) {
                    return;
                }
                int close = matchingBrace(text, open);
                String prelude = text.substring(position, open).strip();
                String body = text.substring(open + 1, close);
                if (prelude.startsWith("@keyframes")) {
                    this.keyframes.add(prelude.substring("@keyframes".length()).strip());
                }
                else if (prelude.startsWith("@media") || prelude.startsWith("@supports") || prelude.startsWith("@container")) {
                    readBlock(body);
                }
                else {
                    for (String selector : prelude.split(",")) {
                        this.selectors.add(selector.strip());
                    }
                }
                position = close + 1;
            }
        }

        private static int matchingBrace(String text, int open) {
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                }
                else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("Unbalanced braces after offset " + open);
        }

    }

}
