package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxSsiTest {

    /** The templates as the benchmark reads them (the tests run in e2e/). */
    private static final Path SSI_TEMPLATE = Path.of("bench/nginx-ssi.conf");
    private static final Path ORIGINS_TEMPLATE = Path.of("bench/nginx-origins.conf");
    private static final Path PREFIX = Path.of("/bench/ssi");

    private final BenchPages pages = BenchPages.of(new OriginUrls(origins(20, "/f%d.html"), origins(5, "/f%d-100k.html"),
                    origins(5, "/cached/f%d.html"), origins(5, "/p/f%d.html"), origins(5, "/assets/f%d.css")),
            URI.create("http://127.0.0.1:9100/slow"), URI.create("http://127.0.0.1:9100/hang"), URI.create("http://127.0.0.1:9200/closed.html"));

    private static List<URI> origins(int count, String path) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> URI.create("http://127.0.0.1:" + (9000 + n) + String.format(path, n))).toList();
    }

    @Test
    void baselineHasOneListeningSocketNoOpenFileCacheAndNoStaleAnswers() {
        String config = directives(NginxSsi.config(SSI_TEMPLATE, PREFIX, 8080, pages, NginxSsi.Tuning.BASELINE));

        assertThat(config).contains("worker_processes auto;").contains("        listen 127.0.0.1:8080;\n")
                .doesNotContain("reuseport").doesNotContain("open_file_cache").doesNotContain("sendfile")
                .doesNotContain("proxy_cache_use_stale").doesNotContain("proxy_cache_background_update").doesNotContain("{{");
        assertThat(NginxSsi.location(pages.cached().fragments().get(0), NginxSsi.Tuning.BASELINE))
                .contains("            proxy_cache fragments;\n            proxy_cache_key $proxy_host$uri;\n"
                        + "            proxy_cache_lock on;\n        }\n");
    }

    /** The config without its comment lines. */
    private static String directives(String config) {
        return config.lines().filter(line -> !line.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void tunedPeerAddsReuseportOpenFileCacheSendfileOffAndStaleWhileUpdatingWhereCached() {
        String config = NginxSsi.config(SSI_TEMPLATE, PREFIX, 8080, pages, NginxSsi.Tuning.TUNED);

        assertThat(config).contains("worker_processes auto;").contains("        listen 127.0.0.1:8080 reuseport;\n")
                .contains("            try_files $uri.html =404;\n            open_file_cache max=256 inactive=60s;\n"
                        + "            open_file_cache_valid 60s;\n        }\n")
                .doesNotContain("{{");
        for (FragmentSpec fragment : pages.fragments()) {
            String location = NginxSsi.location(fragment, NginxSsi.Tuning.TUNED);
            assertThat(location).as(fragment.name()).contains("            open_file_cache max=1024 inactive=60s;\n"
                    + "            open_file_cache_valid 60s;\n            sendfile off;\n");
            assertThat(config).contains(location);
            if (fragment.cacheable()) {
                assertThat(location).as(fragment.name()).contains("proxy_cache fragments;", "proxy_cache_lock on;",
                        "proxy_cache_use_stale updating;", "proxy_cache_background_update on;");
            } else {
                // Nothing to keep: an answer without Cache-Control, or one new on every request, goes past any cache.
                assertThat(location).as(fragment.name()).doesNotContain("proxy_cache");
            }
        }
    }

    /** The tuned peer differs from the baseline in its tuning lines alone: the pages, deadlines and buffers cannot drift apart. */
    @Test
    void tunedPeerIsTheBaselinePlusItsTuningLines() {
        String baseline = directives(NginxSsi.config(SSI_TEMPLATE, PREFIX, 8080, pages, NginxSsi.Tuning.BASELINE));
        String tuned = directives(NginxSsi.config(SSI_TEMPLATE, PREFIX, 8080, pages, NginxSsi.Tuning.TUNED));

        String untuned = tuned.lines()
                .filter(line -> !line.contains("open_file_cache") && !line.contains("sendfile off")
                        && !line.contains("proxy_cache_use_stale") && !line.contains("proxy_cache_background_update"))
                .map(line -> line.replace(" reuseport;", ";"))
                .reduce((a, b) -> a + "\n" + b).orElse("");
        assertThat(untuned).isEqualTo(baseline.stripTrailing());
    }

    /** nginx itself accepts every config the benchmark generates (without wrk's load or any port bound). */
    @Test
    void nginxAcceptsTheGeneratedConfigs(@TempDir Path dir) throws Exception {
        // Never skipped: without nginx this fails with its install command (.ci/run installs it).
        String nginx = Nginx.binary();
        Path html = dir.resolve("origins/html");
        Files.createDirectories(html);
        checkConfig(nginx, dir.resolve("origins"), StaticOrigins.config(ORIGINS_TEMPLATE, dir.resolve("origins"), html,
                List.of(9001, 9002, 9003), Duration.ofSeconds(2)));
        for (NginxSsi.Tuning tuning : NginxSsi.Tuning.values()) {
            Path prefix = dir.resolve(tuning.composer());
            checkConfig(nginx, prefix, NginxSsi.config(SSI_TEMPLATE, prefix, 8080, pages, tuning));
        }
    }

    private static void checkConfig(String nginx, Path prefix, String config) throws Exception {
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config);
        Path out = prefix.resolve("nginx-t.txt");
        Process check = new ProcessBuilder(nginx, "-t", "-q", "-p", prefix + "/", "-c", conf.toString(), "-e",
                prefix.resolve("logs/error.log").toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(conf + ":\n" + Files.readString(out)).isZero();
    }
}
