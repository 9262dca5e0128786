package io.mosaic.e2e.bench;

import io.mosaic.e2e.ConsoleProcesses;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Benchmarks the gateway against nginx with SSI includes (as the benchmark runs it, and as a tuned
 * peer) and Varnish with ESI includes, all composing the same pages from the same origins with the
 * same deadlines, on 127.0.0.1. Run by {@code e2e/bench/run}, which builds
 * and installs what is missing first:
 * <pre>java -cp e2e/target/classes io.mosaic.e2e.bench.Benchmark [--soak] [--quick] [--gateway-jar PATH] [--scenarios NAME,...]</pre>
 * Prints figures and asserts nothing about speed; exits non-zero when something is broken (a
 * process does not start, a page misses fragments, a tool is missing). Every process it starts is
 * stopped at the end, on failure and on Ctrl-C.
 */
public final class Benchmark {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final ChildProcesses processes = new ChildProcesses();
    private final Report report;
    private volatile boolean finished;

    private Benchmark(Report report) {
        this.report = report;
        resources.push(processes);
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Path root = ConsoleProcesses.repositoryRoot();
        Options options;
        try {
            options = Options.parse(List.of(args), root);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = new Report(out, err);
        Benchmark benchmark = new Benchmark(report);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!benchmark.finished) {
                // Ctrl-C or kill: whatever the scenarios measure from now on is not worth printing.
                report.silence();
                err.println("\n... interrupted: stopping every process the benchmark started");
            }
            benchmark.stopAll();
        }, "benchmark-cleanup"));
        long started = System.nanoTime();
        int status = 0;
        try {
            benchmark.run(options, root);
        } catch (RuntimeException e) {
            if (report.silenced()) {
                return;
            }
            err.println();
            err.println("benchmark failed: " + e.getMessage());
            err.println("(logs and generated configs under " + root.resolve("e2e/target/bench") + ")");
            if (!(e instanceof IllegalStateException)) {
                // Not one of the benchmark's own explained failures: the trace says where.
                e.printStackTrace(err);
            }
            status = 1;
        } finally {
            benchmark.stopAll();
            benchmark.finished = true;
        }
        if (!report.silenced()) {
            err.printf("... done in %.0f s; every process the benchmark started is stopped%n", (System.nanoTime() - started) / 1e9);
        }
        System.exit(status);
    }

    private void run(Options options, Path root) {
        options.requireJar();
        Workspace workspace = Workspace.create(root);
        long ticksPerSecond = ProcStat.clockTicksPerSecond();
        Path gatewayJvm = Gateway.jvmArgs(options.gatewayJar(), root);
        report.header(Machine.describe(), options, gatewayJvm, ticksPerSecond);

        report.progress("starting the origins, nginx SSI and Varnish ESI under " + workspace.dir());
        StaticOrigins origins = StaticOrigins.start(processes, workspace, BenchPages.MAX_AGE);
        checkOrigins(origins);
        JavaOrigin javaOrigin = JavaOrigin.start();
        resources.push(javaOrigin);
        URI closed = URI.create("http://127.0.0.1:" + Ports.free(1).get(0) + "/closed.html");
        BenchPages pages = BenchPages.of(origins.urls(), javaOrigin.slowUrl(), javaOrigin.hangUrl(), closed);
        NginxSsi nginx = NginxSsi.start(processes, workspace, pages, NginxSsi.Tuning.BASELINE);
        NginxSsi tunedNginx = NginxSsi.start(processes, workspace, pages, NginxSsi.Tuning.TUNED);
        VarnishEsi varnish = VarnishEsi.start(processes, workspace, pages, origins);

        report.progress("starting the gateway (" + options.gatewayJar() + ")");
        long gatewayStart = System.nanoTime();
        Gateway gateway = Gateway.start(processes, workspace, options.gatewayJar(), gatewayJvm, pages, origins.origins());
        report.progress(String.format("gateway healthy after %.1f s", (System.nanoTime() - gatewayStart) / 1e9));

        Results results = new Scenarios(options, gateway, nginx, tunedNginx, varnish, pages, origins, new Wrk(processes, workspace),
                report, ticksPerSecond).run();
        report.markdown(results);
    }

    /** Each static origin answers its fragment whole, before any composer depends on it. */
    private static void checkOrigins(StaticOrigins origins) {
        OriginUrls urls = origins.urls();
        for (int n = 1; n <= FragmentHtml.MANY; n++) {
            checkOrigin(origins, urls.small().get(n - 1), n, FragmentHtml.SIZE);
        }
        for (int n = 1; n <= FragmentHtml.COUNT; n++) {
            checkOrigin(origins, urls.large().get(n - 1), n, FragmentHtml.LARGE_SIZE);
            checkOrigin(origins, urls.cached().get(n - 1), n, FragmentHtml.SIZE);
            checkPersonal(origins, urls.personal().get(n - 1), n);
            TimedPage asset = TimedPage.get(urls.assets().get(n - 1));
            if (asset.status() != 200 || !asset.body().equals(origins.assetBody(n))) {
                throw new IllegalStateException("origin " + urls.assets().get(n - 1) + " answered " + asset.status() + " with "
                        + asset.bodyBytes() + " bytes, not fragment " + n + "'s stylesheet:\n" + origins.diagnosis());
            }
        }
    }

    /** A personalised fragment writes the query's value into its answer, so that every new value makes a new body. */
    private static void checkPersonal(StaticOrigins origins, URI url, int n) {
        for (String value : List.of("check-1", "check-2")) {
            URI asked = URI.create(url + "?" + BenchPages.PERSONAL_PARAMETER + "=" + value);
            TimedPage page = TimedPage.get(asked);
            if (page.status() != 200 || !page.body().contains(FragmentHtml.marker(n)) || !page.body().contains(FragmentHtml.viewer(value))) {
                throw new IllegalStateException("origin " + asked + " answered " + page.status() + " without fragment " + n
                        + "'s end marker or " + FragmentHtml.viewer(value) + ":\n" + page.body() + "\n" + origins.diagnosis());
            }
        }
    }

    private static void checkOrigin(StaticOrigins origins, URI url, int n, int size) {
        TimedPage page = TimedPage.get(url);
        if (page.status() != 200 || page.bodyBytes() != size || !page.body().contains(FragmentHtml.marker(n))) {
            throw new IllegalStateException("origin " + url + " answered " + page.status() + " with " + page.bodyBytes()
                    + " bytes, not fragment " + n + " (" + size + " bytes):\n" + origins.diagnosis());
        }
    }

    /** Stops everything started, the last first; safe to call twice (the normal path, then the shutdown hook). */
    private synchronized void stopAll() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                report.progress("while stopping: " + e);
            }
        }
    }
}
