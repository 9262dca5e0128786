package io.mosaic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway jar as its own process for a test that brings its own manifest and settings, with
 * the JVM settings users get ({@code jvm.args}), on free ports of 127.0.0.1: pages on one, the
 * console, the API and the actuator on its control port. Without the start-up warm-up, which
 * would compose every page (fallbacks included) before the test looks. Ready once its health
 * answers on the control port (the actuator answers there only).
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int pagesPort;
    private final int controlPort;
    private final Path log;

    private GatewayProcess(Process process, int pagesPort, int controlPort, Path log) {
        this.process = process;
        this.pagesPort = pagesPort;
        this.controlPort = controlPort;
        this.log = log;
    }

    /** Starts the gateway on {@code manifest} (YAML or JSON text), in {@code workDir}, with {@code settings} ({@code --name=value}). */
    static GatewayProcess start(Path workDir, String manifest, List<String> settings) {
        return start(workDir, "manifest.yaml", manifest, settings);
    }

    /** As {@link #start(Path, String, List)}, the manifest written to {@code fileName} in {@code workDir} (such as {@code mxss.json}). */
    static GatewayProcess start(Path workDir, String fileName, String manifest, List<String> settings) {
        Path root = ConsoleProcesses.repositoryRoot();
        Path jar = root.resolve("gateway/target/gateway.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with mvn package (from the repository root)");
        }
        Path file = workDir.resolve(fileName);
        Path log = workDir.resolve("gateway.log");
        try {
            Files.createDirectories(workDir);
            Files.writeString(file, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int pagesPort = ConsoleProcesses.freePort();
        int controlPort = ConsoleProcesses.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                GatewayJvm.argument(GatewayJvm.nextTo(jar)), "-jar", jar.toString(), "--manifest=" + file,
                "--server.port=" + pagesPort, "--server.address=127.0.0.1", "--mosaic.control.port=" + controlPort,
                "--mosaic.warm-up.rounds=0", "--spring.datasource.url=jdbc:h2:mem:" + workDir.getFileName()));
        command.addAll(settings);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway: " + String.join(" ", command), e);
        }
        GatewayProcess gateway = new GatewayProcess(process, pagesPort, controlPort, log);
        try {
            Readiness.await("gateway", process, gateway.control("/actuator/health"), Duration.ofSeconds(90), gateway::logTail);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** {@code path} on the pages' origin. */
    URI pages(String path) {
        return URI.create("http://127.0.0.1:" + pagesPort + path);
    }

    /** {@code path} on the control origin. */
    URI control(String path) {
        return URI.create("http://127.0.0.1:" + controlPort + path);
    }

    int controlPort() {
        return controlPort;
    }

    /** The gateway's log lines that contain {@code text}. */
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
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
