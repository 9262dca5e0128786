package io.mosaic.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The demo console's fragments and ports, as the demo's table gives them
 * ({@value #TABLE}, the one place they are written down; the fragments jar reads the same file).
 * {@code DemoTableAgreementTest} checks the demo manifest against it.
 */
public final class DemoFragments {

    /** The demo's table, from the repository's root. */
    public static final String TABLE = "fragments/src/main/resources/demo-console.properties";

    /**
     * One sample fragment.
     *
     * @param name its name, also its first argument to {@code fragments.jar}
     * @param team the owning team
     * @param defaultPort the port the demo gives it
     * @param version the version it answers with ({@code X-Fragment-Version})
     * @param built how it is built, in a few words of Markdown (the README's table)
     */
    public record Fragment(String name, String team, int defaultPort, String version, String built) {
    }

    private static final Properties PROPERTIES = load(ConsoleProcesses.repositoryRoot().resolve(TABLE));

    /** Every fragment process the launcher starts, in the table's order: the manifest's, then the unlisted ones. */
    public static final List<Fragment> STARTED = list("demo.fragments").stream().map(DemoFragments::fragment).toList();

    /** The fragments that no manifest lists; the launcher starts them so that they can be registered. */
    public static final List<Fragment> UNLISTED = list("demo.unlisted").stream().map(DemoFragments::fragment).toList();

    /** The fragments the demo manifest lists, in its order: what the demo's pages compose. */
    public static final List<Fragment> IN_MANIFEST = STARTED.stream().filter(f -> !UNLISTED.contains(f)).toList();

    /**
     * A new team's widget that no manifest lists. The launcher starts it like the others, so that a
     * test or a person can register it into the dashboard; {@link ConsoleProcesses#fragmentUrl}
     * gives its URL.
     */
    public static final Fragment SERVICE_STATUS = named("service-status");

    /** The gateway's port for pages in the demo. */
    public static final int GATEWAY_PORT = port("demo.gateway.port");

    /** The gateway's control port in the demo: the console, the registration API and the actuator. */
    public static final int CONTROL_PORT = port("demo.gateway.control-port");

    private DemoFragments() {
    }

    /** The fragment called {@code name}; fails naming the table when it has none. */
    public static Fragment named(String name) {
        return STARTED.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(TABLE + " lists no fragment '" + name + "' in demo.fragments"));
    }

    private static Fragment fragment(String name) {
        String key = "demo.fragment." + name + ".";
        return new Fragment(name, required(key + "team"), Integer.parseInt(required(key + "port")), required(key + "version"),
                required(key + "built"));
    }

    private static List<String> list(String key) {
        return Arrays.stream(required(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int port(String key) {
        return Integer.parseInt(required(key));
    }

    private static String required(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(TABLE + " has no " + key);
        }
        return value.strip();
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's table " + file + " (run from the repository's root, or set -Dmosaic.root)", e);
        }
        return properties;
    }
}
