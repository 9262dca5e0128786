package io.mosaic.fragments.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who this fragment is, bound from {@code fragment.*}: the name the launcher gives, team and
 * version from the demo's table ({@code demo-console.properties}) unless the app's
 * {@code NAME.properties} or the command line say otherwise.
 *
 * @param name the fragment's name as the gateway's manifest knows it, e.g. {@code members}
 * @param team the owning team, e.g. {@code people}
 * @param version the deployed version, sent as {@code X-Fragment-Version} and as the root
 *     element's {@code data-version}
 */
@ConfigurationProperties("fragment")
public record FragmentIdentity(String name, String team, String version) {

    public FragmentIdentity {
        name = required("fragment.name", name);
        team = required("fragment.team", team);
        version = required("fragment.version", version);
    }

    private static String required(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    property + " must be set (demo-console.properties gives it to the demo's fragments by name), but was "
                            + ((value == null) ? "missing" : "blank"));
        }
        return value.strip();
    }

}
