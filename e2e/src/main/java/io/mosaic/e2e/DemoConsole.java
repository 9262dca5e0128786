package io.mosaic.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo command's entry: starts every sample fragment and the gateway on the demo's ports,
 * prints the URL, and stops everything on Ctrl-C.
 */
public final class DemoConsole {

    private DemoConsole() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<Integer> busy = new ArrayList<>();
        busy.addAll(busyPorts());
        if (!busy.isEmpty()) {
            System.err.println("Cannot start the demo: ports " + busy + " are in use (is the demo already running?).");
            System.exit(1);
        }
        Path workDir = ConsoleProcesses.repositoryRoot().resolve("e2e/target/demo");
        System.out.println("Starting " + DemoFragments.STARTED.size() + " fragment processes and the gateway...");
        ConsoleProcesses console = ConsoleProcesses.startOnDemoPorts(workDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the demo console...");
            console.close();
        }, "demo-shutdown"));
        String url = "http://localhost:" + DemoFragments.GATEWAY_PORT;
        StringBuilder out = new StringBuilder();
        out.append("\nThe demo admin console is up:\n\n    ").append(url).append("/admin\n\n");
        out.append("Pages: /admin, /admin/members, /admin/organisation, /admin/security, /admin/billing\n");
        out.append("Fragments (each its own process):\n");
        for (DemoFragments.Fragment fragment : DemoFragments.IN_MANIFEST) {
            out.append(fragmentLine(console, fragment));
        }
        out.append("Not in the manifest, ready to be registered into the dashboard:\n");
        out.append(fragmentLine(console, DemoFragments.SERVICE_STATUS));
        out.append("Manifest: ").append(console.manifestPath()).append("\nLogs: ").append(console.logDirectory()).append('\n');
        String control = "http://localhost:" + DemoFragments.CONTROL_PORT;
        out.append("Console: ").append(control).append("/console (sign in with demo-admin-token, or a team's demo-TEAM-token)\n");
        out.append("Registration API: ").append(control).append("/api   Metrics: ").append(control).append("/actuator/prometheus\n");
        out.append("\nPress Ctrl-C to stop everything.\n");
        System.out.println(out);
        Thread.currentThread().join();
    }

    private static String fragmentLine(ConsoleProcesses console, DemoFragments.Fragment fragment) {
        int nameWidth = DemoFragments.STARTED.stream().mapToInt(f -> f.name().length()).max().orElse(1);
        int teamWidth = DemoFragments.STARTED.stream().mapToInt(f -> f.team().length()).max().orElse(1);
        return String.format("    %-" + nameWidth + "s  team %-" + teamWidth + "s  %s%n", fragment.name(), fragment.team(),
                console.fragmentUrl(fragment.name()));
    }

    private static List<Integer> busyPorts() {
        List<Integer> busy = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        ports.add(DemoFragments.GATEWAY_PORT);
        ports.add(DemoFragments.CONTROL_PORT);
        DemoFragments.STARTED.forEach(f -> ports.add(f.defaultPort()));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(port);
            }
        }
        return busy;
    }
}
