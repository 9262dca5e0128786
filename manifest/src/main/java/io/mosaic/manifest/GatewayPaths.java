package io.mosaic.manifest;

import java.util.List;

/**
 * The paths the gateway answers itself, named once: the validator refuses them as page paths, the
 * gateway routes and secures them, and its two origins split on them (the proxy on the pages'
 * origin; the console, the API and the actuator on the control origin).
 */
public final class GatewayPaths {

    /** {@value}: the proxy; {@code /fragments/NAME/**} reaches fragment NAME's origin. */
    public static final String PROXY = "/fragments";

    /** {@value}: the console, on the control origin. */
    public static final String CONSOLE = "/console";

    /** {@value}: the console's sign-in form. */
    public static final String CONSOLE_LOGIN = CONSOLE + "/login";

    /** {@value}: the registration API, on the control origin. */
    public static final String API = "/api";

    /** {@value}: Spring Boot's actuator (health, metrics), on the control origin. */
    public static final String ACTUATOR = "/actuator";

    /** {@value}: the manifest's JSON Schema, public on both origins. */
    public static final String SCHEMA = ManifestSchema.PATH;

    /** The prefixes served on the control origin only. */
    public static final List<String> CONTROL = List.of(CONSOLE, API, ACTUATOR);

    /** Prefixes no page may take: the proxy's and the control origin's, each with everything under it. */
    public static final List<String> RESERVED_PREFIXES = List.of(PROXY, API, CONSOLE, ACTUATOR);

    /** Single paths no page may take. */
    public static final List<String> RESERVED_PATHS = List.of(SCHEMA, "/favicon.ico");

    private GatewayPaths() {
    }

    /** The path under which browsers reach fragment {@code name}'s origin through the proxy: {@code /fragments/NAME}. */
    public static String proxyBase(String name) {
        return PROXY + "/" + name;
    }
}
