package io.mosaic.fragments;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.fragments.members.MembersApplication;
import io.mosaic.fragments.orgtree.OrgTreeApplication;
import io.mosaic.fragments.servicestatus.ServiceStatusApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentLauncherTests {

    @Test
    void firstArgumentNamesTheFragment() {
        assertThat(FragmentLauncher.select(new String[] { "members", "--server.port=19102" }))
            .hasValueSatisfying((app) -> assertThat(app.configuration()).isEqualTo(MembersApplication.class));
        assertThat(FragmentLauncher.select(new String[] { "org-tree" }))
            .hasValueSatisfying((app) -> assertThat(app.configuration()).isEqualTo(OrgTreeApplication.class));
        assertThat(FragmentLauncher.select(new String[] { "service-status", "--server.port=19107" }))
            .hasValueSatisfying((app) -> assertThat(app.configuration()).isEqualTo(ServiceStatusApplication.class));
    }

    @Test
    void unknownOrMissingNameSelectsNothing() {
        assertThat(FragmentLauncher.select(new String[] { "chat" })).isEmpty();
        assertThat(FragmentLauncher.select(new String[] { "MEMBERS" })).isEmpty();
        assertThat(FragmentLauncher.select(new String[] { "--server.port=9102" })).isEmpty();
        assertThat(FragmentLauncher.select(new String[0])).isEmpty();
    }

    @Test
    void usageNamesTheUnknownFragmentAndListsEveryKnownOne() {
        String usage = usage("chat");
        assertThat(usage).startsWith("Unknown fragment 'chat'.");
        assertThat(usage).contains("Usage: java -jar fragments.jar NAME [--server.port=N]");
        for (FragmentApp app : FragmentApp.values()) {
            assertThat(usage).containsPattern("(?m)^  " + app.fragmentName() + " +\\S");
        }
    }

    @Test
    void usageLinesUpEveryDescriptionPastTheLongestName() {
        List<String> lines = usage().lines().toList();
        List<Integer> columns = Arrays.stream(FragmentApp.values())
            .map((app) -> lines.stream().filter((line) -> line.startsWith("  " + app.fragmentName() + " ")).findFirst().orElseThrow()
                .indexOf(app.description()))
            .distinct()
            .toList();
        assertThat(columns).containsExactly(2 + "service-status".length() + 2);
    }

    @Test
    void usageDescribesEachFragmentByItsTeamAndTheDemoTablesSummary() {
        assertThat(usage()).contains("  members         people: member directory with search");
    }

    @Test
    void usageForAMissingNameSkipsTheComplaint() {
        assertThat(usage()).startsWith("Usage:");
    }

    @Test
    void unknownNameExitsWithUsageStatus() {
        assertThat(FragmentLauncher.USAGE_EXIT_STATUS).isEqualTo(2);
    }

    @Test
    void eachFragmentReadsOnlyItsOwnConfiguration() {
        assertThat(FragmentLauncher.defaultProperties(FragmentApp.BILLING))
            .containsEntry("fragment.name", "billing")
            .containsEntry("spring.config.name", "billing")
            .containsEntry("spring.main.banner-mode", "off");
        assertThat(FragmentLauncher.defaultProperties(FragmentApp.SERVICE_STATUS)).containsEntry("spring.config.name", "service-status");
    }

    private static String usage(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FragmentLauncher.printUsage(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return bytes.toString(StandardCharsets.UTF_8);
    }

}
