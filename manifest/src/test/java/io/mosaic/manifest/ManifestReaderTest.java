package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader();

    @TempDir
    Path dir;

    static Path example() {
        Path here = Path.of("examples/admin-console.yaml");
        return Files.exists(here) ? here : Path.of("manifest/examples/admin-console.yaml");
    }

    @Test
    void readsTheDemoManifestWithEffectiveSettings() {
        ReadResult result = reader.read(example());
        assertThat(result.problems()).isEmpty();
        Manifest manifest = result.orThrow();
        assertThat(manifest.fragments()).extracting(FragmentDefinition::name)
                .containsExactly("nav", "members", "org-tree", "security", "audit", "billing");
        FragmentDefinition orgTree = manifest.fragment("org-tree").orElseThrow();
        assertThat(orgTree.team()).isEqualTo("people");
        assertThat(orgTree.url()).isEqualTo(URI.create("http://127.0.0.1:9103/fragment"));
        assertThat(orgTree.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(orgTree.assets().js()).containsExactly("/assets/org-tree.js");
        assertThat(orgTree.proxy()).containsExactly(ProxyPath.of("/api/org"));
        assertThat(orgTree.circuitBreaker()).isEqualTo(new CircuitBreakerSettings(50, 10, 5, Duration.ofSeconds(10), 2, false));
        PageDefinition members = manifest.pages().get(1);
        assertThat(members.path()).isEqualTo("/admin/members");
        assertThat(members.primary()).isEqualTo("members");
        assertThat(members.slots()).containsEntry("aside", new SlotDefinition.Fragments(List.of("audit")));
        assertThat(members.fragmentNames()).containsExactly("nav", "members", "audit");
    }

    @Test
    void fragmentsInheritDefaultsAndOverrideThemFieldByField() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                defaults:
                  timeout: 2s
                  staleFor: 1h
                  circuitBreaker: {failureRate: 25, openFor: 30s}
                fragments:
                  - {name: a, team: t, url: "http://a/"}
                  - {name: b, team: t, url: "http://b/", timeout: 300ms, circuitBreaker: {window: 20}, maxBodySize: 256KiB, async: true}
                pages: []
                """).orThrow();
        FragmentDefinition a = manifest.fragment("a").orElseThrow();
        FragmentDefinition b = manifest.fragment("b").orElseThrow();
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.staleFor()).isEqualTo(Duration.ofHours(1));
        assertThat(a.maxBodySize()).isEqualTo(1024 * 1024);
        assertThat(a.circuitBreaker()).isEqualTo(new CircuitBreakerSettings(25, 10, 5, Duration.ofSeconds(30), 2, false));
        assertThat(a.async()).isFalse();
        assertThat(b.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(b.circuitBreaker()).isEqualTo(new CircuitBreakerSettings(25, 20, 5, Duration.ofSeconds(30), 2, false));
        assertThat(b.maxBodySize()).isEqualTo(256 * 1024);
        assertThat(b.async()).isTrue();
    }

    @Test
    void cacheForIsInheritedFromTheDefaultsAndOverriddenPerFragment() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                defaults: {cacheFor: 30s}
                fragments:
                  - {name: a, team: t, url: "http://a/"}
                  - {name: b, team: t, url: "http://b/", cacheFor: 5m}
                  - {name: c, team: t, url: "http://c/", cacheFor: 0s}
                pages: []
                """).orThrow();
        assertThat(manifest.defaults().cacheFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(manifest.fragment("a").orElseThrow().cacheFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(manifest.fragment("b").orElseThrow().cacheFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(manifest.fragment("c").orElseThrow().cacheFor()).isZero();
    }

    @Test
    void answersWithoutCachingHeadersAreNotReusedUnlessTheManifestSaysSo() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                fragments:
                  - {name: a, team: t, url: "http://a/"}
                  - {name: b, team: t, url: "http://b/", cacheFor: 1d}
                pages: []
                """).orThrow();
        assertThat(manifest.defaults().cacheFor()).isZero();
        assertThat(manifest.fragment("a").orElseThrow().cacheFor()).isZero();
        assertThat(manifest.fragment("b").orElseThrow().cacheFor()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void readsJsonLikeYaml() {
        ReadResult result = reader.read("m.json", """
                {"version": 1,
                 "fragments": [{"name": "a", "team": "t", "url": "http://a/", "timeout": "250ms"}],
                 "pages": [{"path": "/p", "layout": "dashboard", "slots": {"widgets": ["a"], "header": {"open": true}}}]}
                """);
        assertThat(result.problems()).isEmpty();
        assertThat(result.orThrow().pages().get(0).slots().get("header")).isEqualTo(new SlotDefinition.Open(20));
    }

    @Test
    void mergesADirectoryOfTeamFilesInNameOrder() throws Exception {
        Files.writeString(dir.resolve("00-platform.yaml"), """
                version: 1
                defaults: {timeout: 700ms}
                fragments: [{name: nav, team: platform, url: "http://nav/"}]
                pages: [{path: /admin, layout: admin, slots: {header: nav, main: members}}]
                """);
        Files.writeString(dir.resolve("people.json"), """
                {"version": 1, "fragments": [{"name": "members", "team": "people", "url": "http://members/"}]}
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        ReadResult result = reader.read(dir);
        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).hasSize(2);
        Manifest manifest = result.orThrow();
        assertThat(manifest.fragments()).extracting(FragmentDefinition::name).containsExactly("nav", "members");
        assertThat(manifest.fragment("members").orElseThrow().timeout()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aNameDefinedInTwoFilesNamesBothFiles() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "version: 1\nfragments: [{name: nav, team: a, url: 'http://a/'}]\n");
        Files.writeString(dir.resolve("b.yaml"), "version: 1\nfragments:\n  - {name: nav, team: b, url: 'http://b/'}\n");
        List<Problem> problems = reader.read(dir).problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).file()).endsWith("b.yaml");
        assertThat(problems.get(0).path()).isEqualTo("fragments[0].name");
        assertThat(problems.get(0).message()).contains("defined twice").contains(dir.resolve("a.yaml") + ":2:");
    }

    @Test
    void unreadableFilesAreProblemsNotExceptions() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.write(bad, new byte[] {'v', ':', ' ', (byte) 0xff, (byte) 0xfe});
        assertThat(reader.read(bad).problems()).singleElement().hasToString(bad + ":0:0: (document): the file is not valid UTF-8");
        assertThat(reader.read(dir.resolve("missing.yaml")).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("no such file or directory"));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(reader.read(empty).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no *.yaml"));
    }

    @Test
    void theDemoDashboardShowsItsMountedFragmentsInOrder() {
        Manifest manifest = reader.read(example()).orThrow();
        assertThat(manifest.mounted("/admin", "widgets")).extracting(FragmentDefinition::name)
                .containsExactly("members", "org-tree", "billing", "security", "audit");
        assertThat(manifest.fragmentNamesOn("/admin")).containsExactly("nav", "members", "org-tree", "billing", "security", "audit");
        assertThat(manifest.fragment("members").orElseThrow().mount()).containsExactly(new Mount("/admin", "widgets", 10));
    }

    @Test
    void mountedFragmentsAreOrderedByOrderThenName() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                fragments:
                  - {name: zebra, team: t, url: "http://z/", mount: [{page: /d, slot: widgets, order: -5}]}
                  - {name: beta, team: t, url: "http://b/", mount: [{page: /d, slot: widgets}]}
                  - {name: alpha, team: t, url: "http://a/", mount: [{page: /d, slot: widgets, order: 0}, {page: /e, slot: widgets}]}
                  - {name: nav, team: t, url: "http://n/"}
                pages:
                  - {path: /d, layout: dashboard, slots: {header: nav, widgets: {open: true, max: 3}}}
                  - {path: /e, layout: dashboard, slots: {widgets: {open: true}}}
                """).orThrow();
        assertThat(manifest.mounted("/d", "widgets")).extracting(FragmentDefinition::name).containsExactly("zebra", "alpha", "beta");
        assertThat(manifest.mounted("/e", "widgets")).extracting(FragmentDefinition::name).containsExactly("alpha");
        assertThat(manifest.mounted("/d", "header")).isEmpty();
        assertThat(manifest.mounted("/nope", "widgets")).isEmpty();
        assertThat(manifest.fragment("beta").orElseThrow().mount()).containsExactly(new Mount("/d", "widgets", 0));
        assertThat(manifest.pages().get(0).fragmentNames()).containsExactly("nav");
        assertThat(manifest.fragmentNamesOn("/d")).containsExactly("nav", "zebra", "alpha", "beta");
    }

    @Test
    void aManifestBuiltByHandNeverShowsMoreThanTheSlotsMax() {
        Manifest valid = reader.read("m.yaml", """
                version: 1
                fragments:
                  - {name: a, team: t, url: "http://a/", mount: [{page: /d, slot: widgets, order: 3}]}
                  - {name: b, team: t, url: "http://b/", mount: [{page: /d, slot: widgets, order: 2}]}
                pages: [{path: /d, layout: dashboard, slots: {widgets: {open: true, max: 2}}}]
                """).orThrow();
        FragmentDefinition a = valid.fragments().get(0);
        FragmentDefinition third = FragmentDefinition.builder("c", a.team(), a.url())
                .mount(List.of(new Mount("/d", "widgets", 1))).build();
        Manifest overfull = new Manifest(1, valid.defaults(), List.of(a, valid.fragments().get(1), third), valid.pages());
        assertThat(overfull.mounted("/d", "widgets")).extracting(FragmentDefinition::name).containsExactly("c", "b");
    }

    @Test
    void anOpenSlotSharesItsPlacesFivePerTeamByDefaultAndNeverMoreThanItsMax() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                pages:
                  - {path: /a, layout: dashboard, slots: {widgets: {open: true}}}
                  - {path: /b, layout: dashboard, slots: {widgets: {open: true, max: 3}}}
                  - {path: /c, layout: dashboard, slots: {widgets: {open: true, max: 9, perTeam: 2}}}
                """).orThrow();
        assertThat(manifest.page("/a").orElseThrow().slots().get("widgets")).isEqualTo(new SlotDefinition.Open(20, 5));
        assertThat(manifest.page("/b").orElseThrow().slots().get("widgets")).isEqualTo(new SlotDefinition.Open(3, 3));
        assertThat(manifest.page("/c").orElseThrow().slots().get("widgets")).isEqualTo(new SlotDefinition.Open(9, 2));
    }

    @Test
    void aManifestBuiltByHandNeverShowsMoreThanATeamsShare() {
        Manifest valid = reader.read("m.yaml", """
                version: 1
                fragments:
                  - {name: a, team: t, url: "http://a/", mount: [{page: /d, slot: widgets, order: 3}]}
                  - {name: b, team: u, url: "http://b/", mount: [{page: /d, slot: widgets, order: 2}]}
                pages: [{path: /d, layout: dashboard, slots: {widgets: {open: true, max: 4, perTeam: 2}}}]
                """).orThrow();
        FragmentDefinition a = valid.fragments().get(0);
        List<FragmentDefinition> more = List.of(
                FragmentDefinition.builder("c", "t", a.url()).mount(List.of(new Mount("/d", "widgets", 1))).build(),
                FragmentDefinition.builder("d", "t", a.url()).mount(List.of(new Mount("/d", "widgets", 0))).build());
        List<FragmentDefinition> fragments = new java.util.ArrayList<>(valid.fragments());
        fragments.addAll(more);
        Manifest overfull = new Manifest(1, valid.defaults(), fragments, valid.pages());
        assertThat(overfull.mounted("/d", "widgets")).extracting(FragmentDefinition::name).containsExactly("d", "c", "b");
    }

    @Test
    void freePlacesAreTheSlotsFreePlacesWithinTheTeamsShare() {
        Manifest manifest = reader.read("m.yaml", """
                version: 1
                fragments:
                  - {name: nav, team: platform, url: "http://nav/"}
                  - {name: a, team: t, url: "http://a/", mount: [{page: /d, slot: widgets}]}
                  - {name: b, team: u, url: "http://b/", mount: [{page: /d, slot: widgets}]}
                  - {name: c, team: u, url: "http://c/", mount: [{page: /d, slot: widgets}]}
                pages: [{path: /d, layout: dashboard, slots: {header: nav, widgets: {open: true, max: 4, perTeam: 2}}}]
                """).orThrow();
        assertThat(manifest.freePlaces("/d", "widgets", "t")).isEqualTo(1);
        assertThat(manifest.freePlaces("/d", "widgets", "u")).isZero();
        assertThat(manifest.freePlaces("/d", "widgets", "newcomers")).isEqualTo(1);
        assertThat(manifest.freePlaces("/d", "header", "t")).isZero();
        assertThat(manifest.freePlaces("/nowhere", "widgets", "t")).isZero();
    }
}
