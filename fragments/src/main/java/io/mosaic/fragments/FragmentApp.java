package io.mosaic.fragments;

import io.mosaic.fragments.audit.AuditApplication;
import io.mosaic.fragments.billing.BillingApplication;
import io.mosaic.fragments.members.MembersApplication;
import io.mosaic.fragments.nav.NavApplication;
import io.mosaic.fragments.orgtree.OrgTreeApplication;
import io.mosaic.fragments.security.SecurityApplication;
import io.mosaic.fragments.servicestatus.ServiceStatusApplication;
import java.util.Arrays;
import java.util.Optional;

/**
 * The fragments this jar can start, by the name given on the command line: the app class of each.
 * Team, version, default port and summary are the demo table's ({@code demo-console.properties});
 * the name is also the app's static folder ({@code classpath:/static/NAME/}).
 */
enum FragmentApp {

    NAV("nav", NavApplication.class),
    MEMBERS("members", MembersApplication.class),
    ORG_TREE("org-tree", OrgTreeApplication.class),
    SECURITY("security", SecurityApplication.class),
    AUDIT("audit", AuditApplication.class),
    BILLING("billing", BillingApplication.class),
    SERVICE_STATUS("service-status", ServiceStatusApplication.class);

    private final String fragmentName;

    private final Class<?> configuration;

    FragmentApp(String fragmentName, Class<?> configuration) {
        this.fragmentName = fragmentName;
        this.configuration = configuration;
    }

    static Optional<FragmentApp> named(String name) {
        return Arrays.stream(values()).filter((app) -> app.fragmentName.equals(name)).findFirst();
    }

    String fragmentName() {
        return this.fragmentName;
    }

    Class<?> configuration() {
        return this.configuration;
    }

    /** The owning team and what the app is, for the usage text: {@code people: member directory with search}. */
    String description() {
        return DemoTable.team(this.fragmentName) + ": " + DemoTable.summary(this.fragmentName);
    }

}
