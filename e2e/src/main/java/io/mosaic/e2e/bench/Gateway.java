package io.mosaic.e2e.bench;

import io.mosaic.e2e.GatewayJvm;
import io.mosaic.e2e.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The gateway jar as its own process, with the JVM settings users get ({@code jvm.args}, see
 * {@link GatewayJvm}), on the generated manifest, bound to 127.0.0.1; its metrics read from
 * {@code /actuator/prometheus} on its control port. Its registration API takes an admin token made
 * for the run (the gateway is given only its SHA-256), a write limit no benchmark reaches, and the
 * static origins as allowed origins: they are on loopback, which the origin policy refuses to
 * registered fragments unless the operator names them.
 */
final class Gateway implements Composer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** The admin's changes per minute: the default (60) would make 1,000 registrations take 17 minutes of waiting. */
    static final int WRITES_PER_MINUTE = 100_000;

    private final Process process;
    private final int port;
    private final int controlPort;
    /** Where the actuator answered: the control port, or the pages' port of a build from before the control port (--gateway-jar). */
    private volatile int actuatorPort;
    private final Path log;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Gateway(Process process, int port, int controlPort, Path log, String adminToken) {
        this.process = process;
        this.port = port;
        this.controlPort = controlPort;
        this.actuatorPort = controlPort;
        this.log = log;
        this.adminToken = adminToken;
    }

    /** Starts the gateway; {@code allowedOrigins} ({@code http://127.0.0.1:PORT}) may be registered through its API. */
    static Gateway start(ChildProcesses processes, Workspace workspace, Path jar, Path jvmArgs, BenchPages pages,
                         List<String> allowedOrigins) {
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
        String adminToken = newToken();
        command.addAll(List.of("-jar", jar.toString(), "--manifest=" + manifest, "--server.port=" + port, "--server.address=127.0.0.1",
                "--mosaic.control.port=" + controlPort,
                "--mosaic.warm-up.rounds=0",
                // Its registry in the benchmark's own folder (emptied each run), not under the working directory.
                "--spring.datasource.url=jdbc:h2:file:" + workspace.dir().resolve("data/registry"),
                "--mosaic.registry.admin.token-sha256=" + sha256Hex(adminToken),
                "--mosaic.registry.writes-per-minute=" + WRITES_PER_MINUTE,
                "--mosaic.registry.allowed-origins=" + String.join(",", allowedOrigins)));
        Path log = workspace.logs().resolve("gateway.log");
        Gateway gateway = new Gateway(processes.start("gateway", command, log), port, controlPort, log, adminToken);
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

    /** A bearer token of 32 random bytes, hex: made for one run, never written anywhere but the gateway's memory as its hash. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The hex SHA-256 of {@code token}, as {@code mosaic.registry.*.token-sha256} takes it. */
    static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * {@code method path} on the control port's API as the admin, with a JSON {@code body} (or
     * none) and the extra {@code headers} (name, value, ...). Answers whatever the gateway answered;
     * fails only when it did not answer within 60 s.
     */
    HttpResponse<String> api(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(controlUrl(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " on the gateway's control port failed: " + e + "\n" + diagnosis(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitHealthy() {
        URI control = URI.create("http://127.0.0.1:" + controlPort + "/actuator/health");
        URI answered = Readiness.awaitAny("the gateway", process, List.of(control, url("/actuator/health")), START_TIMEOUT,
                this::diagnosis);
        actuatorPort = answered.equals(control) ? controlPort : port;
    }

    /** Where its log is, and where the run keeps what else it writes about it. */
    Path logDirectory() {
        return log.getParent();
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

    /** {@code path} where the actuator answers: the control origin (an older build: its pages port). */
    URI controlUrl(String path) {
        return URI.create("http://127.0.0.1:" + actuatorPort + path);
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

    /** Its {@code /actuator/prometheus} text. */
    String metrics() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(controlUrl("/actuator/prometheus"))
                    .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
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
