package io.mosaic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.PageDefinition;
import io.mosaic.manifest.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's table ({@value DemoFragments#TABLE}) is the one place that names the demo's
 * fragments, teams and ports; the files a person reads or edits beside it must agree: the demo
 * manifest and the insights team's fragment document. (Versions are the fragments' own, sent as
 * {@code X-Fragment-Version}; no manifest states one. The fragments module's tests check each app
 * answers with its table version.)
 */
class DemoTableAgreementTest {

    static final Path ROOT = ConsoleProcesses.repositoryRoot();
    static final Path MANIFEST = ROOT.resolve("manifest/examples/admin-console.yaml");
    static final Path SERVICE_STATUS_DOCUMENT = ROOT.resolve("e2e/demo/service-status.yaml");

    static Manifest manifest() throws Exception {
        return new ManifestReader().read(MANIFEST).orThrow();
    }

    @Test
    void theDemoManifestListsTheTablesFragmentsInItsOrderWithTheirTeamsAndPorts() throws Exception {
        List<FragmentDefinition> listed = manifest().fragments();
        assertThat(listed.stream().map(FragmentDefinition::name)).as("fragments of " + MANIFEST)
                .containsExactlyElementsOf(DemoFragments.IN_MANIFEST.stream().map(DemoFragments.Fragment::name).toList());
        for (DemoFragments.Fragment fragment : DemoFragments.IN_MANIFEST) {
            FragmentDefinition definition = manifest().fragment(fragment.name()).orElseThrow();
            assertThat(definition.team()).as("team of " + fragment.name()).isEqualTo(fragment.team());
            assertThat(definition.url()).as("url of " + fragment.name())
                    .hasToString("http://127.0.0.1:" + fragment.defaultPort() + "/fragment");
        }
    }

    @Test
    void noManifestListsTheUnlistedFragmentsAndTheirTeamsDocumentAgreesWithTheTable() throws Exception {
        for (DemoFragments.Fragment fragment : DemoFragments.UNLISTED) {
            assertThat(manifest().fragment(fragment.name())).as(fragment.name() + " in " + MANIFEST).isEmpty();
        }
        DemoFragments.Fragment serviceStatus = DemoFragments.SERVICE_STATUS;
        Manifest registered = new ManifestReader().read(MANIFEST,
                List.of(new SourceText(SERVICE_STATUS_DOCUMENT.toString(), Files.readString(SERVICE_STATUS_DOCUMENT)))).orThrow();
        FragmentDefinition definition = registered.fragment(serviceStatus.name()).orElseThrow();
        assertThat(definition.team()).isEqualTo(serviceStatus.team());
        assertThat(definition.url()).hasToString("http://127.0.0.1:" + serviceStatus.defaultPort() + "/fragment");
    }

    @Test
    void theLaunchersPageListIsTheManifests() throws Exception {
        assertThat(DemoConsole.PAGES).containsExactlyElementsOf(manifest().pages().stream().map(PageDefinition::path).toList());
    }

    @Test
    void theBannersExampleTeamHasADemoToken() {
        assertThat(DemoRegistry.teams()).contains(DemoConsole.EXAMPLE_TEAM);
    }

    @Test
    void theReadmeTableHasARowPerFragmentInTheTablesOrder() {
        List<String> rows = ReadmeDemoTable.markdown().lines().filter(line -> line.startsWith("| `")).toList();
        assertThat(rows).hasSize(DemoFragments.STARTED.size());
        for (int i = 0; i < rows.size(); i++) {
            DemoFragments.Fragment fragment = DemoFragments.STARTED.get(i);
            assertThat(rows.get(i)).startsWith("| `%s` | %s | %d | %s | %s | ".formatted(fragment.name(), fragment.team(),
                    fragment.defaultPort(), fragment.version(), DemoFragments.UNLISTED.contains(fragment) ? "no" : "yes"));
        }
        assertThat(ReadmeDemoTable.markdown()).contains("The demo uses ports %d (pages), %d (console, registration API, actuator)"
                .formatted(DemoFragments.GATEWAY_PORT, DemoFragments.CONTROL_PORT));
    }
}
