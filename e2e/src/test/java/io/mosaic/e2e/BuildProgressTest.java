package io.mosaic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildProgressTest {

    @Test
    void aLineSaysTheSecondsSinceTheCommandStarted() {
        Instant started = Instant.parse("2026-12-07T20:31:05Z");
        assertThat(BuildProgress.line(started, started.plusMillis(12_900), "building Mosaic gateway"))
                .isEqualTo("  [ 12 s] building Mosaic gateway");
        assertThat(BuildProgress.line(started, started.plusSeconds(125), "gateway is ready")).isEqualTo("  [125 s] gateway is ready");
    }

    @Test
    void printsOnlyWhenMavenIsQuietOrItsArgumentsAreUnknown() {
        assertThat(BuildProgress.quiet(List.of("-q", "-Pdemo", "package"))).isTrue();
        assertThat(BuildProgress.quiet(List.of("--quiet", "package"))).isTrue();
        assertThat(BuildProgress.quiet(List.of())).isTrue();
        assertThat(BuildProgress.quiet(List.of("-Pdemo", "package"))).isFalse();
    }

    @Test
    void aMarkStillBeingWrittenWaitsForItsLineEnd(@TempDir Path dir) throws Exception {
        Path marks = dir.resolve("marks.txt");
        assertThat(BuildProgress.read(marks)).isEmpty();
        Files.writeString(marks, "manifest\tMosaic manifest\ngate");
        assertThat(BuildProgress.read(marks)).containsExactly("manifest\tMosaic manifest");
        Files.writeString(marks, "manifest\tMosaic manifest\ngateway\tMosaic gateway\n");
        assertThat(BuildProgress.read(marks)).containsExactly("manifest\tMosaic manifest", "gateway\tMosaic gateway");
    }
}
