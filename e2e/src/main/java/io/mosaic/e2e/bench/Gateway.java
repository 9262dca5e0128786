package io.mosaic.e2e.bench;

import io.mosaic.e2e.GatewayJvm;
import io.mosaic.e2e.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway jar as its own process, with the JVM settings users get ({@code jvm.args}, see
 * {@link GatewayJvm}), on the generated manifest, bound to 127.0.0.1; its metrics read from
 * {@code /actuator/prometheus}.
 */
final class Gateway implements Composer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final int controlPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Gateway(Process process, int port, int controlPort, Path log) {
        this.process = process;
        this.port = port;
        this.controlPort = controlPort;
        this.log = log;
    }

    static Gateway start(ChildProcesses processes, Workspace workspace, Path jar, Path jvmArgs, BenchPages pages) {
        Path manifest = workspace.dir().resolve("manifest.yaml");
        try {
            Files.writeString(manifest, GatewayManifest.yaml(pages));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest, e);
        }
        List<Integer> ports = Ports.free(2);
        int port = ports.get(0);
        int controlPort = ports.get(1);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(GatewayJvm.argument(jvmArgs));
        // No built-in warm-up: the benchmark warms each scenario itself, and the breaker-open scenario
        // counts the requests that open its breakers, which the warm-up's fetches would already have done.
        command.addAll(List.of("-jar", jar.toString(), "--manifest=" + manifest, "--server.port=" + port, "--server.address=127.0.0.1",
                "--mosaic.control.port=" + controlPort,
                "--mosaic.warm-up.rounds=0",
                // Its registry in the benchmark's own folder (emptied each run), not under the working directory.
                "--spring.datasource.url=jdbc:h2:file:" + workspace.dir().resolve("data/registry")));
        Path log = workspace.logs().resolve("gateway.log");
        Gateway gateway = new Gateway(processes.start("gateway", command, log), port, controlPort, log);
        gateway.awaitHealthy();
        return gateway;
    }

    /**
     * The JVM argument file to start {@code jar} with: the one packaged next to it, else (another
     * build named with --gateway-jar, copied without it) the repository's, so that two jars
     * compared run the same settings.
     */
    static Path jvmArgs(Path jar, Path root) {
        Path beside = jar.resolveSibling(GatewayJvm.FILE_NAME);
        return Files.isRegularFile(beside) ? beside : GatewayJvm.nextTo(root.resolve("gateway/target/gateway.jar"));
    }

    private void awaitHealthy() {
        Readiness.await("the gateway", process, controlUrl("/actuator/health"), START_TIMEOUT, this::diagnosis);
    }

    long pid() {
        return process.pid();
    }

    /** Its breaker state for {@code fragment}: 0 closed, 1 open, 2 half-open; NaN when not reported. */
    double breakerState(String fragment) {
        return PrometheusText.fragmentValue(metrics(), "mosaic_fragment_breaker_state", fragment).orElse(Double.NaN);
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code path} on its control origin: the actuator. */
    URI controlUrl(String path) {
        return URI.create("http://127.0.0.1:" + controlPort + path);
    }

    @Override
    public List<Long> pids() {
        return List.of(process.pid());
    }

    /** Fragment resolutions whose outcome was not {@code ok} (stale, fallback, error), from its metrics. */
    @Override
    public long failedFragments() {
        return Math.round(PrometheusText.sumWhereNot(metrics(), "mosaic_fragment_outcomes_total", "outcome", "ok"));
    }

    private String metrics() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(controlUrl("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode() + ":\n" + diagnosis());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("the gateway's /actuator/prometheus did not answer: " + e + "\n" + diagnosis(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String diagnosis() {
        return "gateway " + (process.isAlive() ? "is running" : "has exited") + "; last lines of " + log + ":\n" + LogTail.of(log, 30);
    }
}
