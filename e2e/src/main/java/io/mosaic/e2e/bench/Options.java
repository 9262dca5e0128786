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

    /** Requests made before the median-of-N ones, and N. */
    static final int SINGLE_WARMUPS = 3;
    static final int SINGLE_RUNS = 11;
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

    Duration measured() {
        return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(15);
    }

    Duration soakDuration() {
        return quick ? Duration.ofSeconds(60) : Duration.ofMinutes(10);
    }

    Duration soakInterval() {
        return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
    }
}
