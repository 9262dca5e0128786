package io.mosaic.gateway.html;

import io.mosaic.manifest.Trust;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A rough micro-benchmark of {@link FragmentParser#parse(String, UrlRewriter, Trust)} on the
 * benchmark's 4 KB widgets (a members table and a settings form, as e2e's {@code FragmentHtml}
 * writes them): microseconds of this thread's CPU time per parse (wall time means little on a
 * shared machine), per trust level, the median of five rounds after a warm-up. Not a test: run it by hand when the parser changes, from the repository root after
 * {@code mvn -q -pl gateway -am test-compile}:
 * <pre>
 * java -cp gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/cp.txt) io.mosaic.gateway.html.FragmentParseCost
 * </pre>
 * ({@code cp.txt} from {@code mvn -q -pl gateway dependency:build-classpath -Dmdep.outputFile=target/cp.txt}).
 */
public final class FragmentParseCost {

    private static final int ROUNDS = 5;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private FragmentParseCost() {
    }

    public static void main(String[] args) {
        int parses = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        List<String> widgets = List.of(resource("widget-members-4k.html"), resource("widget-security-4k.html"));
        UrlRewriter urls = Rewriters.of(URI.create("http://members.internal:9102/fragment"), "/fragments/members",
                List.of("/static/members/icon.svg"), List.of("/api"));
        FragmentParser parser = new FragmentParser();
        for (Trust trust : Trust.values()) {
            run(parser, widgets, urls, trust, parses);
        }
        for (Trust trust : Trust.values()) {
            double[] perParse = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                perParse[round] = run(parser, widgets, urls, trust, parses);
            }
            Arrays.sort(perParse);
            System.out.printf("%-9s %6.1f us CPU per 4 KB fragment (median of %d rounds of %d parses; rounds %.1f .. %.1f)%n",
                    trust.id(), perParse[ROUNDS / 2], ROUNDS, parses, perParse[0], perParse[ROUNDS - 1]);
        }
    }

    private static double run(FragmentParser parser, List<String> widgets, UrlRewriter urls, Trust trust, int parses) {
        long sink = 0;
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < parses; i++) {
            sink += parser.parse(widgets.get(i % widgets.size()), urls, trust).html().length();
        }
        long elapsed = CPU.getCurrentThreadCpuTime() - start;
        if (sink == 0) {
            throw new IllegalStateException("nothing parsed");
        }
        return elapsed / 1000.0 / parses;
    }

    private static String resource(String name) {
        try (InputStream in = FragmentParseCost.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
