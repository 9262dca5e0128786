package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fragment documents: one fragment as a team publishes it, read with the manifest's files and
 * checked together with them, or checked on its own in the team's CI.
 */
class FragmentDocumentTest {

    private static final SourceText MANIFEST = new SourceText("admin.yaml", """
            version: 1
            defaults: {timeout: 700ms}
            fragments:
              - {name: nav, team: platform, url: "http://nav/"}
              - {name: members, team: people, url: "http://members/", mount: [{page: /admin, slot: widgets, order: 10}]}
            pages:
              - {path: /admin, layout: dashboard, slots: {header: nav, widgets: {open: true, max: 3}}}
            """);

    private static final SourceText WEATHER = new SourceText("registry:weather", """
            name: weather
            team: insights
            url: http://weather.internal/fragment
            assets: {css: [/weather.css]}
            mount:
              - {page: /admin, slot: widgets, order: 5}
            """);

    private final ManifestReader reader = new ManifestReader();

    @TempDir
    Path dir;

    @Test
    void aDocumentIsOneMoreFragmentThatInheritsTheDefaultsAndMountsIntoTheFilesPages() {
        ReadResult result = reader.readAll(List.of(MANIFEST), List.of(WEATHER));
        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).containsExactly("admin.yaml", "registry:weather");
        Manifest manifest = result.orThrow();
        assertThat(manifest.fragments()).extracting(FragmentDefinition::name).containsExactly("nav", "members", "weather");
        FragmentDefinition weather = manifest.fragment("weather").orElseThrow();
        assertThat(weather.timeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(weather.assets().css()).containsExactly("/weather.css");
        assertThat(manifest.mounted("/admin", "widgets")).extracting(FragmentDefinition::name).containsExactly("weather", "members");
    }

    @Test
    void aDocumentDeclaresWhatItMayReachAndRunAndInheritsTheRequestBodyCap() {
        SourceText billing = new SourceText("registry:billing", """
                name: billing
                team: finance
                url: http://billing.internal/fragment
                assets: {css: [{path: /billing.css, integrity: sha256-%s}]}
                proxy: [/api/invoices, {path: /api/admin, methods: [GET, DELETE]}]
                forward: {query: [page], cookies: [session], headers: [Accept-Language]}
                trust: untrusted
                """.formatted("A".repeat(43) + "="));
        Manifest manifest = reader.readAll(List.of(MANIFEST), List.of(billing)).orThrow();
        FragmentDefinition fragment = manifest.fragment("billing").orElseThrow();
        assertThat(fragment.assets().integrity()).containsEntry("/billing.css", "sha256-" + "A".repeat(43) + "=");
        assertThat(fragment.proxy()).containsExactly(ProxyPath.of("/api/invoices"),
                new ProxyPath("/api/admin", List.of("GET", "DELETE")));
        assertThat(fragment.forward()).isEqualTo(new Forwarding(QuerySelection.only(List.of("page")), List.of("session"),
                List.of("accept-language")));
        assertThat(fragment.trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(fragment.maxRequestBody()).isEqualTo(1024 * 1024);
    }

    @Test
    void anUntrustedDocumentMayDeclareNoScriptsAndEachIsRefusedAtItsPlace() {
        SourceText widget = new SourceText("registry:widget", """
                name: widget
                team: guests
                url: http://widget.example/fragment
                trust: untrusted
                assets:
                  css: [/widget.css]
                  js: [/widget.js, {path: /more.js, integrity: sha256-%s}]
                """.formatted("A".repeat(43) + "="));
        String reason = "an untrusted fragment may declare no scripts: a declared script runs with the page's full privileges, "
                + "which trust: untrusted withholds from its HTML; remove the script or use trust: standard";
        assertThat(reader.checkFragment(widget)).map(Problem::toString).containsExactly(
                "registry:widget:7:8: assets.js[0]: " + reason,
                "registry:widget:7:20: assets.js[1]: " + reason);
        assertThat(reader.checkFragment(new SourceText("registry:widget", widget.text().replace("trust: untrusted", "trust: standard"))))
                .isEmpty();
    }

    @Test
    void aDocumentThatForwardsCookieWholeIsRefusedAtItsPlace() {
        SourceText billing = new SourceText("registry:billing", """
                name: billing
                team: finance
                url: http://billing.internal/fragment
                forward: {headers: [Cookie]}
                """);
        assertThat(reader.readAll(List.of(MANIFEST), List.of(billing)).problems()).map(Problem::toString).containsExactly(
                "registry:billing:4:21: forward.headers[0]: header 'Cookie' is never forwarded: it would hand the fragment "
                        + "every cookie of the gateway's domain; name the cookies it needs in forward.cookies");
    }

    @Test
    void aDocumentIsReadBesideAManifestDirectory() throws Exception {
        Files.writeString(dir.resolve("admin.yaml"), MANIFEST.text());
        ReadResult result = reader.read(dir, List.of(WEATHER));
        assertThat(result.problems()).isEmpty();
        assertThat(result.orThrow().fragment("weather")).isPresent();
        assertThat(reader.read(dir).orThrow().fragment("weather")).isEmpty();
    }

    @Test
    void problemsInADocumentNameTheDocumentWithPathsAndLinesOfItsOwn() {
        SourceText bad = new SourceText("registry:weather", """
                name: weather
                team: insights
                url: http://weather.internal/fragment
                timeout: 2 s
                assets: {css: [/weather.css, 'javascript:x']}
                mount:
                  - {page: /adimn, slot: widgets}
                """);
        assertThat(reader.readAll(List.of(MANIFEST), List.of(bad)).problems()).map(Problem::toString).containsExactly(
                "registry:weather:4:10: timeout: '2 s' is not a duration such as 250ms, 2s or 5m (units: ms, s, m, h, d)",
                "registry:weather:5:30: assets.css[1]: 'javascript:x' is not allowed: only paths on the fragment's origin, such as /styles.css",
                "registry:weather:7:12: mount[0].page: unknown page '/adimn'; did you mean '/admin'?");
    }

    @Test
    void aNameTheFilesAlreadyDefineIsDefinedTwice() {
        SourceText members = new SourceText("registry:members", "name: members\nteam: people\nurl: http://elsewhere/\n");
        assertThat(reader.readAll(List.of(MANIFEST), List.of(members)).problems()).map(Problem::toString).containsExactly(
                "registry:members:1:7: name: fragment 'members' is defined twice: here and at admin.yaml:5:12; fragment names must be unique");
    }

    @Test
    void slotsFillWithTheFilesMountsFirstThenTheDocumentsInTheOrderGiven() {
        SourceText a = new SourceText("registry:a", "{name: a, team: t, url: 'http://a/', mount: [{page: /admin, slot: widgets, order: -1}]}");
        SourceText b = new SourceText("registry:b", "{name: b, team: t, url: 'http://b/', mount: [{page: /admin, slot: widgets, order: -2}]}");
        ReadResult result = reader.readAll(List.of(MANIFEST), List.of(WEATHER, a, b));
        assertThat(result.problems()).map(Problem::toString).containsExactly(
                "registry:b:1:67: mount[0].slot: slot 'widgets' of page '/admin' is full: it shows at most 3 fragments "
                        + "(already mounted: members, weather, a)");
    }

    @Test
    void manifestFieldsInADocumentGetAHint() {
        SourceText wrapped = new SourceText("weather.yaml", "version: 1\nfragments:\n  - {name: weather, team: t, url: 'http://w/'}\n");
        assertThat(reader.checkFragment(wrapped)).map(Problem::toString).contains(
                "weather.yaml:1:1: version: unknown field 'version': 'version' belongs in a manifest file; a fragment document "
                        + "holds one fragment's fields (name, team, url...) at the top level",
                "weather.yaml:1:1: name: missing: the fragment's name, a lowercase slug such as members");
    }

    @Test
    void checkFragmentFindsEverySingleFragmentProblemButNoCrossReference() {
        SourceText document = new SourceText("weather.yaml", """
                name: Weather
                team: insights
                url: ftp://weather/
                circuitBreaker: {window: 4, minimumCalls: 8}
                maxBodySize: 1GiB
                mount:
                  - {page: /nowhere, slot: widgets, order: 2000}
                  - {page: admin, slott: widgets}
                """);
        assertThat(reader.checkFragment(document)).map(Problem::toString).containsExactly(
                "weather.yaml:1:7: name: name 'Weather' must be lowercase; did you mean 'weather'?",
                "weather.yaml:3:6: url: scheme 'ftp' is not allowed; use http or https",
                "weather.yaml:4:1: circuitBreaker.minimumCalls: minimumCalls (8) must not exceed window (4)",
                "weather.yaml:5:14: maxBodySize: must be from 1KiB to 64MiB, got 1GiB",
                "weather.yaml:7:44: mount[0].order: must be from -1000 to 1000, got 2000",
                "weather.yaml:8:5: mount[1].slot: missing: the name of an open slot of that page, such as widgets",
                "weather.yaml:8:12: mount[1].page: 'admin' must start with '/'",
                "weather.yaml:8:19: mount[1].slott: unknown field 'slott'; did you mean 'slot'?");
        assertThat(reader.checkFragment(WEATHER)).isEmpty();
        assertThat(reader.checkFragment(new SourceText("w.json", "{\"name\": \"w\", \"team\": \"t\", \"url\": \"http://w/\"}"))).isEmpty();
        assertThat(reader.checkFragment(new SourceText("w.yaml", "  \n"))).map(Problem::toString).containsExactly(
                "w.yaml:1:1: (document): the fragment document is empty; it holds one fragment's fields, starting with 'name:'");
        assertThat(reader.checkFragment(new SourceText("w.yaml", "name: [\n"))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("syntax error"));
    }

    @Test
    void positionOfFindsAFieldOrItsNearestParent() {
        assertThat(ManifestReader.positionOf(WEATHER, "mount[0].page")).hasValueSatisfying(at -> assertThat(at).containsExactly(6, 12));
        assertThat(ManifestReader.positionOf(WEATHER, "mount[0].order")).hasValueSatisfying(at -> assertThat(at).containsExactly(6, 42));
        assertThat(ManifestReader.positionOf(WEATHER, "team")).hasValueSatisfying(at -> assertThat(at).containsExactly(2, 7));
        assertThat(ManifestReader.positionOf(WEATHER, "assets.css[0]")).hasValueSatisfying(at -> assertThat(at).containsExactly(4, 16));
        // Absent: the nearest parent that is written.
        assertThat(ManifestReader.positionOf(WEATHER, "mount[0].slott")).hasValueSatisfying(at -> assertThat(at).containsExactly(6, 5));
        assertThat(ManifestReader.positionOf(WEATHER, "mount[3].page")).hasValueSatisfying(at -> assertThat(at).containsExactly(6, 3));
        assertThat(ManifestReader.positionOf(WEATHER, "timeout")).hasValueSatisfying(at -> assertThat(at).containsExactly(1, 1));
        assertThat(ManifestReader.positionOf(WEATHER, "")).hasValueSatisfying(at -> assertThat(at).containsExactly(1, 1));
        SourceText json = new SourceText("w.json", "{\"name\": \"w\",\n \"mount\": [{\"page\": \"/a\", \"slot\": \"s\"}]}");
        assertThat(ManifestReader.positionOf(json, "mount[0].slot")).hasValueSatisfying(at -> assertThat(at).containsExactly(2, 35));
        assertThat(ManifestReader.positionOf(new SourceText("w.yaml", "name: [\n"), "name")).isEmpty();
    }
}
