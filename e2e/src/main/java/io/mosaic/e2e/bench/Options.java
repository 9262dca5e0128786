package io.mosaic.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The command line: {@code [--soak] [--quick] [--gateway-jar PATH]}, and the durations it implies.
 *
 * @param soak whether to add the 10-minute memory soak
 * @param quick short runs for development; the figures are not worth publishing
 * @param gatewayJar the gateway jar to start
 */
record Options(boolean soak, boolean quick, Path gatewayJar) {

    static final String USAGE = "usage: e2e/bench/run [--soak] [--quick] [--gateway-jar PATH]";

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
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new Options(soak, quick, jar.toAbsolutePath().normalize());
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

    /** The measured run of fast-20, fast-100k, fast-distinct and the static file, which keep the whole run within about 8 minutes. */
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
