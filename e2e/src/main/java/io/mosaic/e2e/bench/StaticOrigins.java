package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fast fragment origins: one nginx ({@code worker_processes 1}, keep-alive) serving the
 * {@link FragmentHtml} files, each fragment N on its own port N, as separately deployed origins
 * would: {@code /fN.html} (4 KB), {@code /fN-100k.html} (100 KB), {@code /cached/fN.html} (4 KB
 * with {@code Cache-Control: max-age}), {@code /p/fN.html} (about 4 KB with the request's
 * {@code ?v=} written into it by SSI, so every answer is new) and {@code /assets/fN.css} (a
 * stylesheet, for the gateway's proxy). One more port serves the pages an ESI composer fetches
 * ({@link #publish}), as the application behind a cache would.
 */
final class StaticOrigins {

    /** Where the personalised fragments are: their nginx location writes the page's query into them (SSI). */
    static final String PERSONAL_DIR = "p";
    /** Where the fragments' stylesheets are: the prefix the gateway proxies for fragment 1. */
    static final String ASSET_DIR = "assets";
    /** The size of a fragment's stylesheet, in bytes (about). */
    static final int ASSET_SIZE = 2048;

    private static final Pattern STUB_STATUS_COUNTS = Pattern.compile("server accepts handled requests\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)");

    private final Nginx nginx;
    private final List<Integer> ports;
    private final int pagePort;
    private final Path html;

    private StaticOrigins(Nginx nginx, List<Integer> ports, int pagePort, Path html) {
        this.nginx = nginx;
        this.ports = ports;
        this.pagePort = pagePort;
        this.html = html;
    }

    static StaticOrigins start(ChildProcesses processes, Workspace workspace, Duration maxAge) {
        Path prefix = workspace.dir().resolve("origins");
        Path html = prefix.resolve("html");
        List<Integer> all = Ports.free(FragmentHtml.MANY + 1);
        List<Integer> ports = all.subList(0, FragmentHtml.MANY);
        try {
            Files.createDirectories(html);
            for (int n = 1; n <= FragmentHtml.MANY; n++) {
                Files.writeString(html.resolve(smallFile(n)), FragmentHtml.fragment(n));
            }
            Files.createDirectories(html.resolve(PERSONAL_DIR));
            Files.createDirectories(html.resolve(ASSET_DIR));
            for (int n = 1; n <= FragmentHtml.COUNT; n++) {
                Files.writeString(html.resolve(largeFile(n)), FragmentHtml.fragment(n, FragmentHtml.LARGE_SIZE));
                Files.writeString(html.resolve(personalFile(n)), FragmentHtml.personalised(n, BenchPages.PERSONAL_PARAMETER));
                Files.writeString(html.resolve(assetFile(n)), FragmentHtml.stylesheet(n, ASSET_SIZE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fragment files under " + html, e);
        }
        String config = config(workspace.template("nginx-origins.conf"), prefix, html, all, maxAge);
        return new StaticOrigins(Nginx.start(processes, "nginx-origins", prefix, config, all), List.copyOf(ports), all.get(FragmentHtml.MANY),
                html);
    }

    /** The origins' config from {@code template} ({@code e2e/bench/nginx-origins.conf}): one server listening on every port. */
    static String config(Path template, Path prefix, Path html, List<Integer> ports, Duration maxAge) {
        String listen = ports.stream().map(port -> "        listen 127.0.0.1:" + port + ";").collect(Collectors.joining("\n"));
        return Template.fill(template, Map.of("PREFIX", prefix.toString(), "HTML", html.toString(), "LISTEN", listen,
                "MAX_AGE", Long.toString(maxAge.toSeconds())));
    }

    /** The URL of 4 KB fragment {@code n} (1 to {@link FragmentHtml#MANY}) on its own origin. */
    URI url(int n) {
        return on(n, "/" + smallFile(n));
    }

    /** Every fragment file's URL. */
    OriginUrls urls() {
        return new OriginUrls(list(FragmentHtml.MANY, this::url), list(FragmentHtml.COUNT, n -> on(n, "/" + largeFile(n))),
                list(FragmentHtml.COUNT, n -> on(n, "/cached/" + smallFile(n))), list(FragmentHtml.COUNT, n -> on(n, "/" + personalFile(n))),
                list(FragmentHtml.COUNT, n -> on(n, "/" + assetFile(n))));
    }

    /** Writes {@code content} as {@code file} (such as {@code esi/fast.html}) and returns its URL on the page origin. */
    URI publish(String file, String content) {
        Path path = html.resolve(file);
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        return URI.create("http://127.0.0.1:" + pagePort + "/" + file);
    }

    /** Requests the origins have served so far, all ports together, this question included (nginx's stub_status). */
    long requestsServed() {
        TimedPage status = TimedPage.get(URI.create("http://127.0.0.1:" + pagePort + "/stub_status"));
        if (status.status() != 200) {
            throw new IllegalStateException("the origins' /stub_status answered " + status.status() + ":\n" + diagnosis());
        }
        return stubStatusRequests(status.body());
    }

    /** The {@code requests} figure of a stub_status page (the third number under "server accepts handled requests"). */
    static long stubStatusRequests(String page) {
        Matcher m = STUB_STATUS_COUNTS.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("not an nginx stub_status page: " + page);
        }
        return Long.parseLong(m.group(3));
    }

    /** The nginx master and its worker. */
    List<Long> pids() {
        return nginx.pids();
    }

    String diagnosis() {
        return nginx.diagnosis();
    }

    private URI on(int n, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(n - 1) + path);
    }

    private static String smallFile(int n) {
        return "f" + n + ".html";
    }

    private static String largeFile(int n) {
        return "f" + n + "-100k.html";
    }

    private static String personalFile(int n) {
        return PERSONAL_DIR + "/f" + n + ".html";
    }

    private static String assetFile(int n) {
        return ASSET_DIR + "/f" + n + ".css";
    }

    /** The bytes of fragment {@code n}'s stylesheet, as its origin answers them. */
    String assetBody(int n) {
        return FragmentHtml.stylesheet(n, ASSET_SIZE);
    }

    /** Every origin's scheme, host and port, as the gateway's {@code mosaic.registry.allowed-origins} names them. */
    List<String> origins() {
        return ports.stream().map(port -> "http://127.0.0.1:" + port).toList();
    }

    private static List<URI> list(int count, IntFunction<URI> url) {
        return IntStream.rangeClosed(1, count).mapToObj(url).toList();
    }
}
