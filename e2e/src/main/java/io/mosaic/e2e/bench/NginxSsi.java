package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The baseline composer: nginx ({@code worker_processes auto}) with SSI, one page per scenario with
 * the gateway's own dashboard layout ({@link IncludePage}) and an {@code include virtual} per fragment,
 * each proxied to the same origin as the gateway's with the same deadline and a keep-alive
 * upstream. Where an include fails, its {@code stub} shows the same fallback as the gateway's.
 * Fragments whose origin sends Cache-Control go through {@code proxy_cache}. A fragment that gets
 * the page's query ({@code fast-distinct}'s) is included with the page's {@code $args}, which its
 * {@code proxy_pass} passes on to the origin. The browser's {@code Cookie} reaches every origin:
 * a subrequest carries the page request's headers, and {@code proxy_pass} passes them on.
 *
 * <p>{@link Tuning#TUNED} is the same composer as an operator tuning it would run it: the check
 * that the baseline is not a straw man.
 */
final class NginxSsi implements Composer {

    /**
     * How the composer is tuned; everything else (pages, locations, deadlines, buffers, keep-alive
     * upstreams) is the same.
     */
    enum Tuning {
        /** The benchmark's nginx SSI: one listening socket, files opened on every request, no stale answers. */
        BASELINE("nginx-ssi", "ssi", "", "", "", CACHE),
        /**
         * The tuned peer an operator would run: a listening socket per worker ({@code reuseport}:
         * the kernel spreads the connections over the workers); open files kept open ({@code open_file_cache}: the page
         * files, and in the include locations the cache's files, which nginx opens through the same
         * cache); {@code sendfile off} in the include locations (a cached answer is read into
         * memory); and an expired answer served stale while one request refreshes it in the
         * background ({@code proxy_cache_use_stale updating}, {@code proxy_cache_background_update
         * on}), so that no request waits behind {@code proxy_cache_lock}. Only the cached page's
         * locations have a cache, as in the baseline.
         */
        TUNED("nginx-ssi-tuned", "ssi-tuned", " reuseport",
                "\n            open_file_cache max=256 inactive=60s;"
                + "\n            open_file_cache_valid 60s;",
                "            open_file_cache max=1024 inactive=60s;\n"
                + "            open_file_cache_valid 60s;\n"
                + "            sendfile off;\n",
                CACHE
                + "            proxy_cache_use_stale updating;\n"
                + "            proxy_cache_background_update on;\n");

        private final String composer;
        private final String directory;
        private final String listenOptions;
        private final String pageFiles;
        private final String includeFiles;
        private final String cache;

        Tuning(String composer, String directory, String listenOptions, String pageFiles, String includeFiles, String cache) {
            this.composer = composer;
            this.directory = directory;
            this.listenOptions = listenOptions;
            this.pageFiles = pageFiles;
            this.includeFiles = includeFiles;
            this.cache = cache;
        }

        /** Its name in the results. */
        String composer() {
            return composer;
        }
    }

    /** Defines the fallback once per page, for every include's {@code stub}. */
    static final String FALLBACK_BLOCK = "<!--# block name=\"fallback\" -->" + FragmentSpec.FALLBACK + "<!--# endblock -->\n";

    /**
     * A cacheable fragment's answers are kept as long as their Cache-Control says, which nginx puts
     * before any {@code proxy_cache_valid}; none is set, so that an answer without Cache-Control is
     * never kept. The key names the subrequest's own URI ({@code $request_uri} would be the page's).
     * One request refreshes an expired answer while the others wait for it ({@code proxy_cache_lock}).
     */
    private static final String CACHE = """
                        proxy_cache fragments;
                        proxy_cache_key $proxy_host$uri;
                        proxy_cache_lock on;
            """;

    private final Nginx nginx;
    private final int port;
    private final Tuning tuning;

    private NginxSsi(Nginx nginx, int port, Tuning tuning) {
        this.nginx = nginx;
        this.port = port;
        this.tuning = tuning;
    }

    static NginxSsi start(ChildProcesses processes, Workspace workspace, BenchPages pages, Tuning tuning) {
        Path prefix = workspace.dir().resolve(tuning.directory);
        Path pagesDir = prefix.resolve("pages");
        int port = Ports.free(1).get(0);
        try {
            Files.createDirectories(pagesDir);
            for (PageSpec page : pages.all()) {
                Files.writeString(pagesDir.resolve(page.name() + ".html"),
                        IncludePage.html(workspace, page, FALLBACK_BLOCK, NginxSsi::include));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SSI pages under " + pagesDir, e);
        }
        String config = config(workspace.template("nginx-ssi.conf"), prefix, port, pages, tuning);
        return new NginxSsi(Nginx.start(processes, tuning.composer, prefix, config, List.of(port)), port, tuning);
    }

    /** The config of {@code template} ({@code e2e/bench/nginx-ssi.conf}) for {@code pages}, tuned so, under {@code prefix}. */
    static String config(Path template, Path prefix, int port, BenchPages pages, Tuning tuning) {
        StringBuilder upstreams = new StringBuilder();
        StringBuilder locations = new StringBuilder();
        for (FragmentSpec fragment : pages.fragments()) {
            upstreams.append(upstream(fragment));
            locations.append(location(fragment, tuning));
        }
        return Template.fill(template, Map.of(
                "PREFIX", prefix.toString(), "PORT", Integer.toString(port), "PAGES", prefix.resolve("pages").toString(),
                "LISTEN_OPTIONS", tuning.listenOptions, "PAGE_FILES", tuning.pageFiles,
                "UPSTREAMS", upstreams.toString().stripTrailing(), "LOCATIONS", locations.toString().stripTrailing()));
    }

    /**
     * The SSI include of {@code fragment}, through its internal location, with the fallback where it
     * fails. SSI substitutes variables in {@code virtual}: a fragment that gets the page's query is
     * included as {@code /_f/NAME?$args}, the page's query as the browser sent it (the
     * {@code fast-distinct} page's requests carry only {@code r}); the location's {@code proxy_pass}
     * then passes it on. Without a query, the include's {@code ?} is empty and the origin gets none.
     */
    static String include(FragmentSpec fragment) {
        return "<!--# include virtual=\"/_f/" + fragment.name() + (fragment.forwardsQuery() ? "?$args" : "")
                + "\" stub=\"fallback\" -->";
    }

    private static String upstream(FragmentSpec fragment) {
        return "    upstream " + upstreamName(fragment) + " { server 127.0.0.1:" + fragment.url().getPort() + "; keepalive 32; }\n";
    }

    static String location(FragmentSpec fragment, Tuning tuning) {
        String timeout = GatewayManifest.duration(fragment.timeout());
        return "        location = /_f/" + fragment.name() + " {\n"
                + "            internal;\n"
                + "            proxy_pass http://" + upstreamName(fragment) + fragment.url().getRawPath() + ";\n"
                + "            proxy_http_version 1.1;\n"
                + "            proxy_set_header Connection \"\";\n"
                + "            proxy_connect_timeout " + timeout + ";\n"
                + "            proxy_send_timeout " + timeout + ";\n"
                + "            proxy_read_timeout " + timeout + ";\n"
                + tuning.includeFiles
                + (fragment.cacheable() ? tuning.cache : "")
                + "        }\n";
    }

    private static String upstreamName(FragmentSpec fragment) {
        return "fragment_" + fragment.name().replace('-', '_');
    }

    @Override
    public String name() {
        return tuning.composer;
    }

    @Override
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public List<Long> pids() {
        return nginx.pids();
    }

    /** Error-level lines of its error log: every failed include logs one (timeout, refused connection). */
    @Override
    public long failedFragments() {
        return nginx.errorLines();
    }

    @Override
    public String diagnosis() {
        return nginx.diagnosis();
    }
}
