package io.mosaic.e2e;

import java.util.List;

/** The demo console's fragments: name, owning team and the port the demo manifest gives it. */
public final class DemoFragments {

    /** One sample fragment. */
    public record Fragment(String name, String team, int defaultPort) {
    }

    public static final List<Fragment> ALL = List.of(
            new Fragment("nav", "platform", 9101),
            new Fragment("members", "people", 9102),
            new Fragment("org-tree", "people", 9103),
            new Fragment("security", "security", 9104),
            new Fragment("audit", "security", 9105),
            new Fragment("billing", "billing", 9106));

    /** The gateway's port in the demo. */
    public static final int GATEWAY_PORT = 8080;

    private DemoFragments() {
    }
}
