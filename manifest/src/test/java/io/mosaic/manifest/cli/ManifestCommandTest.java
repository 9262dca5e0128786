package io.mosaic.manifest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ManifestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validManifestExitsZero() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "version: 1\nfragments: [{name: a, team: t, url: 'http://a/'}]\n");
        assertThat(run("validate", file.toString())).isEqualTo(0);
        assertThat(out()).isEqualTo(file + ": valid (1 fragments, 0 pages)\n");
    }

    @Test
    void invalidManifestPrintsEveryProblemAsFileLineColumnPathMessageAndExitsOne() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "version: 1\nfragments:\n  - {name: a, team: t, url: 'http://a/', timout: 1s}\n  - {name: B, team: t, url: 'http://b/'}\n");
        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(out()).contains(file + ":3:42: fragments[0].timout: unknown field 'timout'; did you mean 'timeout'?\n")
                .contains(file + ":4:12: fragments[1].name: name 'B' must be lowercase; did you mean 'b'?\n")
                .endsWith(file + ": 2 problems\n");
    }

    @Test
    void customLayoutsCanBeDeclared() throws Exception {
        Path file = dir.resolve("wide.yaml");
        Files.writeString(file, "version: 1\nfragments: [{name: a, team: t, url: 'http://a/'}]\npages: [{path: /w, layout: wide, slots: {body: a}}]\n");
        assertThat(run("validate", file.toString())).isEqualTo(1);
        out.reset();
        assertThat(run("validate", "--layout", "wide=top,body", file.toString())).isEqualTo(0);
    }

    @Test
    void effectivePrintsTheMergedManifestWithDefaultsApplied() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "version: 1\ndefaults: {timeout: 700ms}\nfragments: [{name: a, team: t, url: 'http://a/'}]\n");
        assertThat(run("effective", file.toString())).isEqualTo(0);
        assertThat(out()).contains("- name: a").contains("timeout: 700ms").contains("openFor: 10s");
        assertThat(run("effective", file.toString(), file.toString())).isEqualTo(2);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("check", "x.yaml")).isEqualTo(2);
        assertThat(run("validate")).isEqualTo(2);
        assertThat(run("validate", "--strict", "x.yaml")).isEqualTo(2);
        assertThat(run("validate", "--layout")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar manifest.jar validate");
    }
}
