package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A valid manifest written back as YAML reads as the same manifest. */
class RoundTripTest {

    static Stream<Arguments> manifests() throws Exception {
        return Stream.of(
                Arguments.of("the demo manifest", Files.readString(ManifestReaderTest.example())),
                Arguments.of("defaults and overrides", """
                        version: 1
                        defaults: {timeout: 2s, staleFor: 1h, cacheFor: 45s, maxBodySize: 300000, circuitBreaker: {failureRate: 25, openFor: 90s}}
                        fragments:
                          - {name: a, team: t, url: "http://a:8080/f?x=1", fallback: "<p title='x: y'>Down & out</p>",
                             mount: [{page: /x, slot: widgets, order: -20}]}
                          - {name: b, team: t, url: "http://b/", timeout: 300ms, cacheFor: 0s, circuitBreaker: {window: 20, countClientErrors: true},
                             bulkhead: {maxConcurrent: 3}, async: true, assets: {js: ["http://b/app.js?v=2"]}, proxy: [/api/],
                             mount: [{page: /x, slot: widgets}]}
                        pages:
                          - {path: /x, title: "2024", layout: dashboard, slots: {widgets: {open: true, max: 5, perTeam: 2}}}
                          - {path: /y, layout: admin, primary: b, slots: {main: [b, a]}}
                        """),
                Arguments.of("what fragments may reach and run", """
                        version: 1
                        defaults: {maxRequestBody: 0}
                        fragments:
                          - {name: a, team: t, url: "http://a/", maxRequestBody: 2MiB, trust: trusted,
                             proxy: [/api, {path: /api/admin/, methods: [GET, DELETE]}, {path: /x, methods: [GET, HEAD, POST]}],
                             assets: {css: [/a.css], js: [{path: "/a.js?v=1", integrity: "sha384-%s  sha512-%s"}]},
                             forward: {query: [page, sort], cookies: [session], headers: [Accept-Language, X-Tenant]}}
                          - {name: b, team: t, url: "http://b/", trust: untrusted, forward: {query: none}}
                          - {name: c, team: t, url: "http://c/", forward: {cookies: [sid]}}
                        pages:
                          - {path: /y, layout: admin, slots: {main: [a, b, c]}}
                        """.formatted("A".repeat(64), "B".repeat(86) + "==")),
                Arguments.of("JSON", """
                        {"version": 1, "fragments": [{"name": "a", "team": "t", "url": "https://a.example/f"}],
                         "pages": [{"path": "/", "layout": "admin", "slots": {"main": "a"}}]}
                        """));
    }

    @org.junit.jupiter.api.Test
    void aFragmentWrittenAloneReadsBackAsTheSameFragmentDocument() {
        Manifest manifest = new ManifestReader().read(ManifestReaderTest.example()).orThrow();
        for (FragmentDefinition fragment : manifest.fragments()) {
            String document = new ManifestWriter().writeFragment(fragment);
            assertThat(document).startsWith("name: " + fragment.name() + "\n").doesNotContain("fragments:").doesNotContain("pages:");
            // Registered in place of the manifest's own, the written document gives the same definition.
            Manifest without = new Manifest(manifest.version(), manifest.defaults(),
                    manifest.fragments().stream().filter(f -> f != fragment).toList(), manifest.pages());
            String effective = new ManifestWriter().write(without);
            Manifest again = new ManifestReader().readAll(List.of(new SourceText("effective.yaml", effective)),
                    List.of(new SourceText("registry:" + fragment.name(), document))).orThrow();
            assertThat(again.fragment(fragment.name())).contains(fragment);
        }
    }

    @org.junit.jupiter.api.Test
    void effectiveOutputSpellsOutMounts() {
        Manifest manifest = new ManifestReader().read(ManifestReaderTest.example()).orThrow();
        assertThat(new ManifestWriter().write(manifest))
                .contains("    mount:\n      - page: /admin\n        slot: widgets\n        order: 10\n");
    }

    @org.junit.jupiter.api.Test
    void effectiveOutputSpellsOutWhatEachFragmentMayReachAndRun() {
        Manifest manifest = new ManifestReader().read("in.yaml", """
                version: 1
                fragments:
                  - {name: a, team: t, url: "http://a/", proxy: [/api, {path: /admin, methods: [DELETE]}]}
                pages:
                  - {path: /y, layout: admin, slots: {main: a}}
                """).orThrow();
        assertThat(new ManifestWriter().write(manifest))
                .contains("  maxRequestBody: 1MiB\n")
                .contains("    proxy:\n      - /api\n      - path: /admin\n        methods:\n          - DELETE\n")
                .contains("    maxRequestBody: 1MiB\n    forward:\n      query: all\n      cookies: []\n      headers: []\n"
                        + "    trust: standard\n");
    }

    @org.junit.jupiter.api.Test
    void effectiveOutputSpellsOutHowLongAnAnswerWithoutCachingHeadersIsReused() {
        Manifest manifest = new ManifestReader().read("in.yaml", """
                version: 1
                fragments:
                  - {name: a, team: t, url: "http://a/"}
                  - {name: b, team: t, url: "http://b/", cacheFor: 90s}
                pages:
                  - {path: /y, layout: admin, slots: {main: [a, b]}}
                """).orThrow();
        assertThat(new ManifestWriter().write(manifest))
                .contains("  staleFor: 10m\n  cacheFor: 0s\n")
                .contains("  - name: a\n")
                .contains("    staleFor: 10m\n    cacheFor: 0s\n")
                .contains("    staleFor: 10m\n    cacheFor: 90s\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void writtenAndReadAgainIsEqual(String description, String source) {
        ManifestReader reader = new ManifestReader();
        Manifest manifest = reader.read("in.yaml", source).orThrow();
        String written = new ManifestWriter().write(manifest);
        ReadResult again = reader.read("written.yaml", written);
        assertThat(again.problems()).as(written).isEmpty();
        assertThat(again.orThrow()).isEqualTo(manifest);
    }
}
