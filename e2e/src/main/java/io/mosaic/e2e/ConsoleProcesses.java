package io.mosaic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo console as real processes: every sample fragment as its own JVM on its own port and
 * the gateway jar in front of them, with the demo manifest pointed at those ports. Used by the
 * demo command and by the end-to-end tests alike. Every process listens on 127.0.0.1 only.
 *
 * <p>The gateway serves pages on one port ({@link #gatewayUrl()}) and is given a second, its
 * control port ({@code mosaic.control.port}, {@link #controlUrl()}), for the console, the
 * registration API and the actuator.
 *
 * <p>One of the fragments, {@link DemoFragments#SERVICE_STATUS}, is started but in no manifest:
 * it waits to be registered, at {@link #fragmentUrl(String)}.
 */
public final class ConsoleProcesses implements AutoCloseable {

    /** JVM settings for a sample fragment: small and quick to start. */
    static final List<String> FRAGMENT_JVM = List.of("-Xms16m", "-Xmx64m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=96m");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** Where every sample fragment serves its HTML. */
    private static final String FRAGMENT_PATH = "/fragment";

    private final Path root;
    private final Path workDir;
    private final Map<String, Integer> fragmentPorts;
    private final int gatewayPort;
    private final int controlPort;
    private final Progress progress;
    private final Map<String, Process> fragments = new LinkedHashMap<>();
    private final List<String> gatewayArgs;
    private final boolean demoPorts;
    private Duration fragmentTimeout;
    private Process gateway;
    /** Every process this started, so that close() (also from the shutdown hook, mid-start) ends them all. */
    private final List<Process> launched = new ArrayList<>();
    private boolean closed;
    private Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Told each step of starting, as it begins or ends: the demo command prints them. */
    @FunctionalInterface
    public interface Progress {

        /** Says nothing: the tests' choice. */
        Progress NONE = step -> { };

        /** A step began or ended, such as {@code "nav is ready on port 9101"}. */
        void step(String step);

        /** What the launcher waits for from now until the next step, such as {@code "nav to answer"}. */
        default void waitingFor(String what) {
        }
    }

    private ConsoleProcesses(Path root, Path workDir, Map<String, Integer> fragmentPorts, int gatewayPort, int controlPort,
                             List<String> gatewayArgs, Progress progress) {
        this.root = root;
        this.workDir = workDir;
        this.fragmentPorts = fragmentPorts;
        this.gatewayPort = gatewayPort;
        this.controlPort = controlPort;
        this.progress = progress;
        this.gatewayArgs = gatewayArgs;
        this.demoPorts = DemoFragments.STARTED.stream().allMatch(f -> fragmentPorts.get(f.name()) == f.defaultPort());
    }

    /** The repository's root: the system property {@code mosaic.root}, else the working directory or its parent. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("mosaic.root");
        Path candidate = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        if (!Files.exists(candidate.resolve("gateway")) && candidate.getParent() != null) {
            candidate = candidate.getParent();
        }
        return candidate.toAbsolutePath().normalize();
    }

    /** Starts the console on the demo's fixed ports, telling {@code progress} each step. */
    public static ConsoleProcesses startOnDemoPorts(Path workDir, Progress progress) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DemoFragments.STARTED.forEach(f -> ports.put(f.name(), f.defaultPort()));
        return start(workDir, ports, DemoFragments.GATEWAY_PORT, DemoFragments.CONTROL_PORT, List.of(), null, progress);
    }

    /**
     * Starts the console on free ports, for tests, with every fragment deadline of the demo
     * manifest set to {@code fragmentTimeout}: a shared 2-core machine running Chromium beside
     * eight JVMs misses the demo's sub-second deadlines now and then, which would make tests of
     * other behaviour flaky. (The deadlines themselves are tested against hostile origins in the
     * gateway module.)
     */
    public static ConsoleProcesses startOnFreePorts(Path workDir, Duration fragmentTimeout) {
        return startOnFreePorts(workDir, fragmentTimeout, List.of());
    }

    /** As {@link #startOnFreePorts(Path, Duration)}, with more gateway arguments (such as an origin the test allows). */
    public static ConsoleProcesses startOnFreePorts(Path workDir, Duration fragmentTimeout, List<String> gatewayArgs) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DemoFragments.STARTED.forEach(f -> ports.put(f.name(), freePort()));
        // Each test run starts with an empty registry; the demo's survives restarts.
        deleteRecursively(workDir.resolve("data"));
        return start(workDir, ports, freePort(), freePort(), gatewayArgs, fragmentTimeout, Progress.NONE);
    }

    private static ConsoleProcesses start(Path workDir, Map<String, Integer> ports, int gatewayPort, int controlPort,
                                          List<String> gatewayArgs, Duration fragmentTimeout, Progress progress) {
        ConsoleProcesses console = new ConsoleProcesses(repositoryRoot(), workDir, ports, gatewayPort, controlPort, gatewayArgs,
                progress);
        console.fragmentTimeout = fragmentTimeout;
        // Ctrl-C or a test JVM's exit while starting or running: no process outlives this one.
        console.shutdownHook = new Thread(console::close, "console-processes-shutdown");
        Runtime.getRuntime().addShutdownHook(console.shutdownHook);
        try {
            console.startAll();
            return console;
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
    }

    private void startAll() {
        requireJar(fragmentsJar());
        requireJar(gatewayJar());
        Path gatewayJvm = GatewayJvm.nextTo(gatewayJar());
        try {
            Files.createDirectories(workDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.step("starting " + fragmentPorts.size() + " fragment processes at once, one JVM each: "
                + String.join(", ", fragmentPorts.keySet()));
        fragmentPorts.keySet().forEach(name -> fragments.put(name, launchFragment(name)));
        writeManifest();
        for (String name : fragmentPorts.keySet()) {
            progress.waitingFor(name + " to answer on port " + fragmentPorts.get(name));
            awaitReady(name, fragments.get(name), URI.create("http://127.0.0.1:" + fragmentPorts.get(name) + "/health"));
            warmUp(name);
            progress.step(name + " is ready on port " + fragmentPorts.get(name));
        }
        // Only now: the gateway composes every page on start (its warm-up), and the fetches count in
        // its breakers, so fragments still starting would open them. Its health answers 200 once
        // that warm-up is done.
        List<String> args = new java.util.ArrayList<>(DemoRegistry.gatewayArgs(workDir,
                origin(fragmentUrl(DemoFragments.SERVICE_STATUS.name()))));
        args.addAll(gatewayArgs);
        progress.step("starting the gateway (pages on port " + gatewayPort + ", console and API on port " + controlPort
                + "); it composes every page once before it says it is ready");
        // The JVM settings users get: the jvm.args file packaged next to the jar.
        gateway = launch("gateway", List.of(GatewayJvm.argument(gatewayJvm)), List.of("-jar", gatewayJar().toString(),
                "--manifest=" + manifestPath(), "--server.port=" + gatewayPort, "--server.address=127.0.0.1",
                "--mosaic.control.port=" + controlPort, "--mosaic.control.address=127.0.0.1"), args);
        progress.waitingFor("the gateway to compose every page once");
        // The actuator is on the control port.
        Readiness.await("gateway", gateway, controlUrl().resolve("/actuator/health"), START_TIMEOUT, () -> logTail("gateway"));
        progress.step("the gateway is ready");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway's base URL for pages, such as {@code http://127.0.0.1:8080}. */
    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    /**
     * The gateway's control port's base URL, such as {@code http://127.0.0.1:8081}: the console
     * ({@code /console}), the registration API ({@code /api}) and the actuator.
     */
    public URI controlUrl() {
        return URI.create("http://127.0.0.1:" + controlPort);
    }


    /** The port fragment {@code name} listens on, whether the manifest lists it or not. */
    public int fragmentPort(String name) {
        Integer port = fragmentPorts.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no fragment named '" + name + "' was started; started: " + fragmentPorts.keySet());
        }
        return port;
    }

    /**
     * Where fragment {@code name} answers with its HTML, such as
     * {@code http://127.0.0.1:9107/fragment}: the URL a manifest entry or a registration gives the
     * gateway. For {@link DemoFragments#SERVICE_STATUS}, which no manifest lists, this is the
     * way to reach it.
     */
    public URI fragmentUrl(String name) {
        return URI.create("http://127.0.0.1:" + fragmentPort(name) + FRAGMENT_PATH);
    }

    /**
     * The manifest the gateway was started with: on the demo's ports the example manifest itself,
     * so that editing it changes the running demo; otherwise a copy pointed at the ports in use.
     */
    public Path manifestPath() {
        return demoPorts ? root.resolve("manifest/examples/admin-console.yaml") : workDir.resolve("admin-console.yaml");
    }

    /** Kills fragment {@code name}'s process at once, as a crash would. */
    public void kill(String name) {
        Process process = fragments.get(name);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts fragment {@code name} again on its port and waits until it answers. */
    public void restart(String name) {
        kill(name);
        Process process = launchFragment(name);
        fragments.put(name, process);
        awaitReady(name, process, URI.create("http://127.0.0.1:" + fragmentPorts.get(name) + "/health"));
        warmUp(name);
    }

    /**
     * Renders the fragment a few times before the gateway's first page: a cold JVM's first render
     * (class loading, template parsing) can take longer than the fragment's deadline, as it would
     * for any freshly deployed origin that is not warmed before it takes traffic.
     */
    private void warmUp(String name) {
        URI fragment = fragmentUrl(name);
        for (int i = 0; i < 5; i++) {
            try {
                http.send(HttpRequest.newBuilder(fragment).header("Accept", "text/html").timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new IllegalStateException(name + " did not answer " + fragment + " while warming up: " + e + "\n" + logTail(name), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last lines of a process's log, for failure messages. */
    public String logTail(String name) {
        Path log = workDir.resolve("logs").resolve(name + ".log");
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Where process logs are written. */
    public Path logDirectory() {
        return workDir.resolve("logs");
    }

    @Override
    public void close() {
        List<Process> all;
        synchronized (launched) {
            closed = true;
            all = new ArrayList<>(launched);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        // The gateway first, so that it stops fetching from fragments that are going away.
        all.sort(java.util.Comparator.comparing(process -> process != gateway));
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process launchFragment(String name) {
        return launch(name, FRAGMENT_JVM, List.of("-jar", fragmentsJar().toString(), name,
                "--server.port=" + fragmentPorts.get(name), "--server.address=127.0.0.1"), List.of());
    }

    private Process launch(String name, List<String> jvm, List<String> args, List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(args);
        command.addAll(extra);
        Path log = workDir.resolve("logs").resolve(name + ".log");
        synchronized (launched) {
            if (closed) {
                throw new IllegalStateException("not starting " + name + ": the console is being stopped");
            }
            try {
                Process process = new ProcessBuilder(command)
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                        .start();
                launched.add(process);
                return process;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
            }
        }
    }

    private void awaitReady(String name, Process process, URI health) {
        Readiness.await(name, process, health, START_TIMEOUT, () -> logTail(name));
    }

    /** The demo manifest, with each fragment's URL pointed at the port its process got. */
    private void writeManifest() {
        if (demoPorts) {
            return;
        }
        try {
            String manifest = Files.readString(root.resolve("manifest/examples/admin-console.yaml"));
            for (DemoFragments.Fragment fragment : DemoFragments.IN_MANIFEST) {
                manifest = manifest.replace("127.0.0.1:" + fragment.defaultPort() + "/",
                        "127.0.0.1:" + fragmentPorts.get(fragment.name()) + "/");
            }
            if (fragmentTimeout != null) {
                manifest = manifest.replaceAll("(?m)^(\\s+)timeout: \\d+m?s$", "$1timeout: " + fragmentTimeout.toMillis() + "ms");
            }
            Files.writeString(manifestPath(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path fragmentsJar() {
        return root.resolve("fragments/target/fragments.jar");
    }

    private Path gatewayJar() {
        return root.resolve("gateway/target/gateway.jar");
    }

    private static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with mvn package (from the repository root)");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
