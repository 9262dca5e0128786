package io.mosaic.fragments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The demo's table and the jar's apps name the same fragments, and the table is what an app is. */
class DemoTableTests {

    @Test
    void listsEveryAppOfTheJarInTheManifestsOrderAndNoOther() {
        assertThat(DemoTable.names()).containsExactlyElementsOf(Arrays.stream(FragmentApp.values()).map(FragmentApp::fragmentName).toList());
    }

    @Test
    void givesEveryFragmentATeamAVersionAndAPortOfItsOwn() {
        for (String name : DemoTable.names()) {
            assertThat(DemoTable.team(name)).as(name).matches("[a-z][a-z0-9-]*");
            assertThat(DemoTable.version(name)).as(name).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(DemoTable.summary(name)).as(name).isNotBlank();
        }
        assertThat(DemoTable.names().stream().map(DemoTable::port).distinct()).hasSameSizeAs(DemoTable.names());
    }

    @Test
    void anAppListensOnItsTablePortUnlessTheCommandLineSaysOtherwise() {
        SpringApplication application = FragmentLauncher.application(FragmentApp.AUDIT);
        application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo(String.valueOf(DemoTable.port("audit")));
        }
        try (ConfigurableApplicationContext context = application.run("--server.port=19105")) {
            assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("19105");
        }
    }

}
