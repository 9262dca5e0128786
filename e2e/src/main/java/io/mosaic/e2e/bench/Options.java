package io.mosaic.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code [--soak] [--quick] [--gateway-jar PATH] [--scenarios NAME,...]}, and the
 * durations it implies.
 *
 * @param soak whether to add the 10-minute memory soak
 * @param quick short runs for development; the figures are not worth publishing
 * @param gatewayJar the gateway jar to start
 * @param scenarios the scenarios to run, by name ({@link #SCENARIOS}); all of them unless named
 */
record Options(boolean soak, boolean quick, Path gatewayJar, Set<String> scenarios) {

    /**
     * Every scenario, in the order they run. {@code registry-1000} is last because it leaves 1,000
     * fragments registered in the gateway; {@code memory} comes with {@code fast} (the RSS right
     * after it) and the static file with any load scenario (the scale row of its table).
     */
    static final List<String> SCENARIOS = List.of("fast", "slow-one", "dead-one", "breaker-open", "hanging", "cached", "fast-20",
            "fast-100k", "fast-distinct", "fast-distinct-user", "personalised", "unloaded", "registry-1000");

    static final String USAGE = "usage: e2e/bench/run [--soak] [--quick] [--gateway-jar PATH] [--scenarios NAME,...]\n"
            + "  scenarios: " + String.join(", ", SCENARIOS);

    /** Single requests of the unloaded page per composer: enough for a p90 (the 37th of 41). */
    static final int UNLOADED_RUNS = 41;
    /** wrk's threads and connections for every load run. */
    static final int WRK_THREADS = 1;
    static final int WRK_CONNECTIONS = 32;

    /** Parses {@code args}; a relative jar path is taken from the working directory, the default from {@code root}. */
    static Options parse(List<String> args, Path root) {
        boolean soak = false;
        boolean quick = false;
        Path jar = root.resolve("gateway/target/gateway.jar");
        Set<String> scenarios = Collections.unmodifiableSet(new LinkedHashSet<>(SCENARIOS));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--soak")) {
                soak = true;
            } else if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--gateway-jar")) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException("--gateway-jar needs a path\n" + USAGE);
                }
                jar = Path.of(args.get(++i));
            } else if (arg.startsWith("--gateway-jar=")) {
                jar = Path.of(arg.substring("--gateway-jar=".length()));
            } else if (arg.equals("--scenarios")) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException("--scenarios needs a list of names such as fast,registry-1000\n" + USAGE);
                }
                scenarios = scenarios(args.get(++i));
            } else if (arg.startsWith("--scenarios=")) {
                scenarios = scenarios(arg.substring("--scenarios=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new Options(soak, quick, jar.toAbsolutePath().normalize(), scenarios);
    }

    /** The names of a comma-separated list, in the order they run (not the order given); fails naming an unknown one. */
    private static Set<String> scenarios(String list) {
        List<String> given = new ArrayList<>();
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!SCENARIOS.contains(trimmed)) {
                throw new IllegalArgumentException("unknown scenario '" + trimmed + "'\n" + USAGE);
            }
            given.add(trimmed);
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("--scenarios names no scenario\n" + USAGE);
        }
        Set<String> ordered = new LinkedHashSet<>();
        SCENARIOS.stream().filter(given::contains).forEach(ordered::add);
        return Collections.unmodifiableSet(ordered);
    }

    /** Whether scenario {@code name} runs. */
    boolean runs(String name) {
        if (!SCENARIOS.contains(name)) {
            throw new IllegalArgumentException("no scenario named " + name);
        }
        return scenarios.contains(name);
    }

    /** Whether every scenario runs (the default): the header then says nothing about a selection. */
    boolean all() {
        return scenarios.size() == SCENARIOS.size();
    }

    /** Fails when the jar to benchmark is not there. */
    void requireJar() {
        if (!Files.isRegularFile(gatewayJar)) {
            throw new IllegalStateException(gatewayJar + " is missing: build it with mvn -DskipTests package (from the repository root)"
                    + " or name another with --gateway-jar PATH");
        }
    }

    /**
     * The wrk run before each measured one, so that both composers are warm: the JVM's JIT needs
     * about half a minute of load on 2 cores before the gateway's hot path is compiled.
     */
    Duration warmUp() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(30);
    }

    /** The warm-up of the load runs after {@code fast}: the gateway's hot path is compiled by then. */
    Duration laterWarmUp() {
        return quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    }

    /** The measured run of {@code fast} and {@code cached}. */
    Duration measured() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(15);
    }

    /**
     * The measured run of fast-20, fast-100k, fast-distinct, fast-distinct-user, personalised, each
     * of registry-1000's four and the static file.
     */
    Duration shortMeasured() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(10);
    }

    /** Requests made before the median-of-N ones of slow-one, dead-one and breaker-open (and of the unloaded page). */
    int singleWarmUps() {
        return quick ? 1 : 3;
    }

    /** N of the median-of-N single requests of slow-one, dead-one and breaker-open. */
    int singleRuns() {
        return quick ? 5 : 11;
    }

    /** The pause between a load run's warm-up and its measured run, for the machine to settle. */
    Duration settle() {
        return quick ? Duration.ofMillis(200) : Duration.ofSeconds(1);
    }

    /** Nothing runs for this long before the unloaded page's single requests. */
    Duration quietPause() {
        return quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    }

    Duration soakDuration() {
        return quick ? Duration.ofSeconds(60) : Duration.ofMinutes(10);
    }

    Duration soakInterval() {
        return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
    }
}
