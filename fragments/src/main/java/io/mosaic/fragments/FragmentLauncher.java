package io.mosaic.fragments;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;

/**
 * Starts one sample fragment per process: {@code java -jar fragments.jar NAME [--server.port=N]}.
 *
 * <p>Every argument after NAME goes to Spring Boot unchanged. An unknown or missing NAME prints
 * the usage to standard error and exits with {@value #USAGE_EXIT_STATUS}.
 */
public final class FragmentLauncher {

    /** Exit status for a command line that names no known fragment. */
    static final int USAGE_EXIT_STATUS = 2;

    private FragmentLauncher() {
    }

    public static void main(String[] args) {
        Optional<FragmentApp> app = select(args);
        if (app.isEmpty()) {
            printUsage(System.err, args);
            System.exit(USAGE_EXIT_STATUS);
            return;
        }
        application(app.get()).run(Arrays.copyOfRange(args, 1, args.length));
    }

    /** The fragment named by the first argument, or empty when it is missing or unknown. */
    static Optional<FragmentApp> select(String[] args) {
        return (args.length == 0) ? Optional.empty() : FragmentApp.named(args[0]);
    }

    static void printUsage(PrintStream out, String[] args) {
        if (args.length > 0) {
            out.println("Unknown fragment '" + args[0] + "'.");
        }
        out.println("Usage: java -jar fragments.jar NAME [--server.port=N] [--other.spring.property=value]");
        out.println("NAME is one of:");
        int width = Arrays.stream(FragmentApp.values()).mapToInt((app) -> app.fragmentName().length()).max().orElse(1);
        for (FragmentApp app : FragmentApp.values()) {
            out.printf("  %-" + width + "s  %s%n", app.fragmentName(), app.description());
        }
    }

    /**
     * A Spring application for one fragment. The apps share a class path, so the launcher keeps their
     * configuration apart: each is told its {@code fragment.name}, from which its team, version,
     * port and static folder follow (see {@code fragment-contract.properties}), and reads only
     * {@code NAME.properties} if an operator adds one. Arguments still override every default.
     */
    static SpringApplication application(FragmentApp app) {
        SpringApplication application = new SpringApplication(app.configuration());
        // Log "Started MembersApplication", not the launcher that every fragment shares.
        application.setMainApplicationClass(app.configuration());
        application.setDefaultProperties(defaultProperties(app));
        return application;
    }

    static Map<String, Object> defaultProperties(FragmentApp app) {
        String name = app.fragmentName();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("fragment.name", name);
        defaults.put("spring.config.name", name);
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("logging.pattern.console", "%d{HH:mm:ss.SSS} %5p [" + name + "] %c{0}: %m%n%wEx");
        return defaults;
    }

}
