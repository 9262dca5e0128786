package io.mosaic.e2e;

import java.util.ArrayList;
import java.util.List;

/** The demo console's fragments: name, owning team and the port the demo gives it. */
public final class DemoFragments {

    /** One sample fragment. */
    public record Fragment(String name, String team, int defaultPort) {
    }

    /** The fragments the demo manifest lists, in its order: what the demo's pages compose. */
    public static final List<Fragment> IN_MANIFEST = List.of(
            new Fragment("nav", "platform", 9101),
            new Fragment("members", "people", 9102),
            new Fragment("org-tree", "people", 9103),
            new Fragment("security", "security", 9104),
            new Fragment("audit", "security", 9105),
            new Fragment("billing", "billing", 9106));

    /**
     * A new team's widget that no manifest lists. The launcher starts it like the others, so that a
     * test or a person can register it into the dashboard; {@link ConsoleProcesses#fragmentUrl}
     * gives its URL.
     */
    public static final Fragment SERVICE_STATUS = new Fragment("service-status", "insights", 9107);

    /** Every fragment process the launcher starts: the manifest's, then the unlisted one. */
    public static final List<Fragment> STARTED = started();

    /** The gateway's port in the demo: pages and the fragments' proxy. */
    public static final int GATEWAY_PORT = 8080;

    /** The gateway's control port in the demo: the console, the registration API, the actuator. */
    public static final int CONTROL_PORT = 8081;

    private DemoFragments() {
    }

    private static List<Fragment> started() {
        List<Fragment> started = new ArrayList<>(IN_MANIFEST);
        started.add(SERVICE_STATUS);
        return List.copyOf(started);
    }
}
