package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsToTheBuiltJarAndTheFullDurations() {
        Options options = Options.parse(List.of(), ROOT);

        assertThat(options.gatewayJar()).isEqualTo(Path.of("/repo/gateway/target/gateway.jar"));
        assertThat(options.soak()).isFalse();
        assertThat(options.measured()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEveryOption() {
        Options options = Options.parse(List.of("--soak", "--quick", "--gateway-jar", "/tmp/g.jar"), ROOT);

        assertThat(options.soak()).isTrue();
        assertThat(options.quick()).isTrue();
        assertThat(options.gatewayJar()).isEqualTo(Path.of("/tmp/g.jar"));
        assertThat(options.measured()).isLessThan(Duration.ofSeconds(15));
        assertThat(Options.parse(List.of("--gateway-jar=/tmp/h.jar"), ROOT).gatewayJar()).isEqualTo(Path.of("/tmp/h.jar"));
    }

    @Test
    void runsEveryScenarioUnlessSomeAreNamedAndThenInTheirOwnOrder() {
        Options all = Options.parse(List.of(), ROOT);
        assertThat(all.all()).isTrue();
        assertThat(all.scenarios()).containsExactlyElementsOf(Options.SCENARIOS);
        assertThat(Options.SCENARIOS).endsWith("registry-1000");

        Options some = Options.parse(List.of("--scenarios", "registry-1000,fast"), ROOT);
        assertThat(some.scenarios()).containsExactly("fast", "registry-1000");
        assertThat(some.all()).isFalse();
        assertThat(some.runs("fast")).isTrue();
        assertThat(some.runs("personalised")).isFalse();
        assertThat(Options.parse(List.of("--scenarios=personalised"), ROOT).scenarios()).containsExactly("personalised");
    }

    @Test
    void refusesAnUnknownScenarioNamingTheKnownOnes() {
        assertThatThrownBy(() -> Options.parse(List.of("--scenarios", "fast,personalized"), ROOT))
                .hasMessageContaining("'personalized'").hasMessageContaining("personalised, unloaded, registry-1000");
        assertThatThrownBy(() -> Options.parse(List.of("--scenarios"), ROOT)).hasMessageContaining("needs a list");
        assertThatThrownBy(() -> Options.parse(List.of("--scenarios=,"), ROOT)).hasMessageContaining("names no scenario");
    }

    @Test
    void refusesUnknownArgumentsAndAJarOptionWithoutPath() {
        assertThatThrownBy(() -> Options.parse(List.of("--fast"), ROOT)).hasMessageContaining("'--fast'").hasMessageContaining("usage");
        assertThatThrownBy(() -> Options.parse(List.of("--gateway-jar"), ROOT)).hasMessageContaining("needs a path");
    }
}
