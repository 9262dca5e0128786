package io.mosaic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway jar as a real process for the mXSS suite, with the JVM settings users get
 * ({@code jvm.args}), on a manifest the test writes, bound to 127.0.0.1, without the start-up
 * warm-up (which would compose every page, fallbacks included, before the test looks).
 */
final class MxssGateway implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private MxssGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MxssGateway start(Path workDir, String manifestJson) {
        Path root = ConsoleProcesses.repositoryRoot();
        Path jar = root.resolve("gateway/target/gateway.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with mvn package (from the repository root)");
        }
        Path manifest = workDir.resolve("mxss.json");
        Path log = workDir.resolve("gateway.log");
        try {
            Files.createDirectories(workDir);
            Files.writeString(manifest, manifestJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = ConsoleProcesses.freePort();
        int controlPort = ConsoleProcesses.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                GatewayJvm.argument(GatewayJvm.nextTo(jar)), "-jar", jar.toString(), "--manifest=" + manifest,
                "--server.port=" + port, "--server.address=127.0.0.1", "--mosaic.control.port=" + controlPort, "--mosaic.warm-up.rounds=0",
                "--spring.datasource.url=jdbc:h2:mem:mxss"));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway: " + String.join(" ", command), e);
        }
        MxssGateway gateway = new MxssGateway(process, port, log);
        try {
            // The actuator answers on the control port only.
            Readiness.await("gateway", process, URI.create("http://127.0.0.1:" + controlPort + "/actuator/health"),
                    Duration.ofSeconds(90), gateway::logTail);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Log lines containing {@code text}. */
    List<String> logLines(String text) {
        try {
            return Files.readAllLines(log).stream().filter(line -> line.contains(text)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
