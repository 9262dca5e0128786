package io.mosaic.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.gateway.GatewayApplication;
import io.mosaic.manifest.ManifestException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A gateway given a manifest it cannot use refuses to start, and says which file and what is wrong. */
class StartupTest {

    @TempDir
    Path dir;

    private Throwable start(String... args) {
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        try {
            app.run(all).close();
        } catch (Throwable e) {
            return e;
        }
        return null;
    }

    private static ManifestException manifestCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ManifestException e) {
                return e;
            }
        }
        throw new AssertionError("no ManifestException in " + error, error);
    }

    @Test
    void unreadableManifestStopsTheStartNamingTheFileLineAndProblem() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "version: 1\nfragments:\n  - name: a\n    team: [unclosed\n");
        Throwable error = start("--manifest=" + file);
        ManifestException cause = manifestCause(error);
        assertThat(cause.problems()).hasSize(1);
        assertThat(cause.problems().get(0).toString()).startsWith(file + ":").contains("syntax error");
        FailureAnalysis analysis = new ManifestFailureAnalyzer().analyze(error);
        assertThat(analysis.getDescription()).contains(file.toString()).contains("syntax error");
    }

    @Test
    void missingManifestFileIsNamed() {
        Path file = dir.resolve("nowhere.yaml");
        ManifestException cause = manifestCause(start("--manifest=" + file));
        assertThat(cause.getMessage()).contains(file.toString()).contains("no such file");
    }

    @Test
    void noManifestArgumentSaysHowToStart() {
        assertThatThrownBy(() -> {
            Throwable error = start();
            throw error;
        }).hasStackTraceContaining("--manifest=PATH");
    }
}
