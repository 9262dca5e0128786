package io.mosaic.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo command's entry ({@code mvn -q -Pdemo package}): starts every sample fragment and the
 * gateway on the demo's ports, on 127.0.0.1 only, saying what it does as it goes; then prints
 * where everything is and which token to sign in with, and stops everything on Ctrl-C.
 */
public final class DemoConsole {

    /** The demo manifest's pages, in its order; {@code DemoTableAgreementTest} checks them against the manifest. */
    static final List<String> PAGES = List.of("/admin", "/admin/members", "/admin/organisation", "/admin/security", "/admin/billing");

    /** The team whose token the banner offers as the example: it owns the widget waiting to be registered. */
    static final String EXAMPLE_TEAM = DemoFragments.SERVICE_STATUS.team();

    private DemoConsole() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Maven's start, as the command's: the build's progress lines counted from it too.
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        List<Integer> busy = busyPorts();
        if (!busy.isEmpty()) {
            System.err.println("Cannot start the demo: " + (busy.size() == 1 ? "port " : "ports ") + busy
                    + " on 127.0.0.1 " + (busy.size() == 1 ? "is" : "are") + " in use. Is the demo already running?"
                    + " (Ctrl-C in its terminal stops it.)");
            System.exit(1);
        }
        Path workDir = ConsoleProcesses.repositoryRoot().resolve("e2e/target/demo");
        System.out.println("Starting the demo console:");
        // Ctrl-C, also while starting: ConsoleProcesses' own shutdown hook stops every process it started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("\nStopping the demo console..."), "demo-shutdown"));
        LaunchProgress progress = new LaunchProgress(started);
        ConsoleProcesses console;
        try {
            console = ConsoleProcesses.startOnDemoPorts(workDir, progress);
        } finally {
            progress.done();
        }
        System.out.println(banner(Running.of(console), started, Instant.now()));
        Thread.currentThread().join();
    }

    /**
     * What the banner says about the running console.
     *
     * @param fragmentUrls each started fragment's URL
     * @param manifest the manifest the gateway reads
     * @param logs where the processes' logs are
     */
    record Running(java.util.Map<String, java.net.URI> fragmentUrls, Path manifest, Path logs) {

        static Running of(ConsoleProcesses console) {
            java.util.Map<String, java.net.URI> urls = new java.util.LinkedHashMap<>();
            DemoFragments.STARTED.forEach(f -> urls.put(f.name(), console.fragmentUrl(f.name())));
            return new Running(urls, console.manifestPath(), console.logDirectory());
        }
    }

    /** What the demo prints once everything answers: where to go, how to sign in, what runs where. */
    static String banner(Running console, Instant started, Instant now) {
        String pages = "http://localhost:" + DemoFragments.GATEWAY_PORT;
        String control = "http://localhost:" + DemoFragments.CONTROL_PORT;
        Path root = ConsoleProcesses.repositoryRoot();
        StringBuilder out = new StringBuilder();
        out.append("\nThe demo admin console is up, ").append(java.time.Duration.between(started, now).toSeconds())
                .append(" s after the command started. Everything listens on 127.0.0.1 only.\n\n");
        out.append("  Pages:    ").append(pages).append("/admin\n");
        out.append("            also ").append(String.join(", ", PAGES.subList(1, PAGES.size()))).append('\n');
        out.append("  Console:  ").append(control).append("/console  (sign in with the admin token ").append(DemoRegistry.ADMIN_TOKEN)
                .append(", or a team's, e.g. ").append(DemoRegistry.token(EXAMPLE_TEAM)).append(")\n");
        out.append("  API:      ").append(control).append("/api/fragments  (the same tokens, as Authorization: Bearer TOKEN)\n");
        out.append("  Metrics:  ").append(control).append("/actuator/prometheus  (the admin token)\n\n");
        out.append("Team tokens, for the demo only: ")
                .append(String.join(", ", DemoRegistry.teams().stream().map(DemoRegistry::token).toList())).append('\n');
        out.append("Fragments, each its own process:\n");
        for (DemoFragments.Fragment fragment : DemoFragments.IN_MANIFEST) {
            out.append(fragmentLine(console, fragment));
        }
        out.append("Not in the manifest, ready to be registered into the dashboard by team ").append(EXAMPLE_TEAM).append(":\n");
        for (DemoFragments.Fragment fragment : DemoFragments.UNLISTED) {
            out.append(fragmentLine(console, fragment));
        }
        out.append("    MOSAIC_TOKEN=").append(DemoRegistry.token(EXAMPLE_TEAM))
                .append(" java -jar manifest/target/manifest.jar publish e2e/demo/service-status.yaml --gateway ").append(control).append('\n');
        out.append("\nManifest: ").append(relative(root, console.manifest())).append("  (edit it: pages change within a second)\n");
        out.append("Logs:     ").append(relative(root, console.logs())).append('\n');
        out.append("\nPress Ctrl-C to stop everything.\n");
        return out.toString();
    }

    /**
     * Prints each step with the seconds since the command started and, while a wait lasts longer
     * than {@link BuildProgress#QUIET_FOR}, what it still waits for: eight JVMs starting on a
     * busy 2-core machine can take half a minute.
     */
    static final class LaunchProgress implements ConsoleProcesses.Progress {

        private final Instant started;
        private final Thread reminder;
        private String waitingFor;
        private Instant waitingSince = Instant.now();
        private Instant lastLine = Instant.now();

        LaunchProgress(Instant started) {
            this.started = started;
            this.reminder = new Thread(this::remind, "demo-progress");
            this.reminder.setDaemon(true);
            this.reminder.start();
        }

        @Override
        public synchronized void step(String step) {
            waitingFor = null;
            print(step);
        }

        @Override
        public synchronized void waitingFor(String what) {
            lastLine = Instant.now();
            waitingSince = lastLine;
            waitingFor = what;
        }

        void done() {
            reminder.interrupt();
        }

        private synchronized void remindIfQuiet() {
            if (waitingFor != null && java.time.Duration.between(lastLine, Instant.now()).compareTo(BuildProgress.QUIET_FOR) >= 0) {
                print("still waiting for " + waitingFor + " (" + java.time.Duration.between(waitingSince, Instant.now()).toSeconds()
                        + " s so far; JVMs start slowly on a busy machine)");
            }
        }

        private void print(String what) {
            lastLine = Instant.now();
            System.out.println(BuildProgress.line(started, lastLine, what));
        }

        private void remind() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(500);
                    remindIfQuiet();
                }
            } catch (InterruptedException e) {
                // started, or failed: nothing more to say
            }
        }
    }

    private static String fragmentLine(Running console, DemoFragments.Fragment fragment) {
        int nameWidth = DemoFragments.STARTED.stream().mapToInt(f -> f.name().length()).max().orElse(1);
        int teamWidth = DemoFragments.STARTED.stream().mapToInt(f -> f.team().length()).max().orElse(1);
        return String.format("    %-" + nameWidth + "s  %-" + teamWidth + "s  %-6s  %s%n", fragment.name(), fragment.team(),
                fragment.version(), console.fragmentUrls().get(fragment.name()));
    }

    private static String relative(Path root, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    /** Every port the demo needs that something on 127.0.0.1 already listens on. */
    static List<Integer> busyPorts() {
        List<Integer> ports = new ArrayList<>();
        ports.add(DemoFragments.GATEWAY_PORT);
        ports.add(DemoFragments.CONTROL_PORT);
        DemoFragments.STARTED.forEach(f -> ports.add(f.defaultPort()));
        List<Integer> busy = new ArrayList<>();
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                // free
            } catch (IOException e) {
                busy.add(port);
            }
        }
        return busy;
    }
}
