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
 * The fragments this jar can start, by the name given on the command line. The name is also the
 * app's configuration name ({@code NAME.properties}) and its static folder
 * ({@code classpath:/static/NAME/}); team, version and port live in that properties file.
 */
enum FragmentApp {

    NAV("nav", NavApplication.class, "platform: top navigation bar"),
    MEMBERS("members", MembersApplication.class, "people: member directory with search"),
    ORG_TREE("org-tree", OrgTreeApplication.class, "people: organisation tree web component and /api/org"),
    SECURITY("security", SecurityApplication.class, "security: security settings"),
    AUDIT("audit", AuditApplication.class, "security: recent admin actions"),
    BILLING("billing", BillingApplication.class, "billing: summary rendered in the browser from /api/summary"),
    SERVICE_STATUS("service-status", ServiceStatusApplication.class,
            "insights: service status widget; no manifest lists it, it waits to be registered");

    private final String fragmentName;

    private final Class<?> configuration;

    private final String description;

    FragmentApp(String fragmentName, Class<?> configuration, String description) {
        this.fragmentName = fragmentName;
        this.configuration = configuration;
        this.description = description;
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

    String description() {
        return this.description;
    }

}
