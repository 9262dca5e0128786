package io.mosaic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoConsoleTest {

    static final Instant STARTED = Instant.parse("2026-12-07T20:31:05Z");

    static DemoConsole.Running running() {
        Map<String, URI> urls = new LinkedHashMap<>();
        DemoFragments.STARTED.forEach(f -> urls.put(f.name(), URI.create("http://127.0.0.1:" + f.defaultPort() + "/fragment")));
        Path root = ConsoleProcesses.repositoryRoot();
        return new DemoConsole.Running(urls, root.resolve("manifest/examples/admin-console.yaml"),
                root.resolve("e2e/target/demo/logs"));
    }

    @Test
    void theBannerGivesTheConsolesUrlOnTheControlPortWithTheTokensToSignInWith() {
        String banner = DemoConsole.banner(running(), STARTED, STARTED.plusSeconds(52));
        assertThat(banner).contains("The demo admin console is up, 52 s after the command started. Everything listens on 127.0.0.1 only.")
                .contains("  Pages:    http://localhost:8080/admin\n")
                .contains("  Console:  http://localhost:8081/console  (sign in with the admin token demo-admin-token, or a team's,"
                        + " e.g. demo-insights-token)\n")
                .contains("  API:      http://localhost:8081/api/fragments")
                .contains("demo-platform-token, demo-people-token, demo-security-token, demo-billing-token, demo-insights-token")
                .contains("    service-status  insights  1.0.0   http://127.0.0.1:9107/fragment\n")
                .contains("--gateway http://localhost:8081\n")
                .contains("Manifest: manifest/examples/admin-console.yaml")
                .contains("Logs:     e2e/target/demo/logs");
    }
}
