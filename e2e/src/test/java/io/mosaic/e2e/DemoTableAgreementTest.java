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
 * manifest, the insights team's fragment document and the README. (Versions are the fragments' own, sent as
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
    void theReadmeShowsTheTablesFragmentsAndPortsAsPrinted() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String printed = ReadmeDemoTable.markdown();
        String table = printed.substring(0, printed.indexOf("\n\n") + 1);
        String ports = printed.substring(printed.indexOf("\n\n") + 2).strip();
        assertThat(table.lines().filter(line -> line.startsWith("| `"))).hasSize(DemoFragments.STARTED.size());
        assertThat(readme).as("README.md's demo table; print it with ReadmeDemoTable").contains(table);
        assertThat(readme.replaceAll("\\s+", " ")).as("README.md's ports sentence").contains(ports.substring(0, ports.length() - 1));
    }
}
