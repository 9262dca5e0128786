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
 * {@code proxy_pass} passes on to the origin.
 */
final class NginxSsi implements Composer {

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

    private NginxSsi(Nginx nginx, int port) {
        this.nginx = nginx;
        this.port = port;
    }

    static NginxSsi start(ChildProcesses processes, Workspace workspace, BenchPages pages) {
        Path prefix = workspace.dir().resolve("ssi");
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
        StringBuilder upstreams = new StringBuilder();
        StringBuilder locations = new StringBuilder();
        for (FragmentSpec fragment : pages.fragments()) {
            upstreams.append(upstream(fragment));
            locations.append(location(fragment));
        }
        String config = Template.fill(workspace.template("nginx-ssi.conf"), Map.of(
                "PREFIX", prefix.toString(), "PORT", Integer.toString(port), "PAGES", pagesDir.toString(),
                "UPSTREAMS", upstreams.toString().stripTrailing(), "LOCATIONS", locations.toString().stripTrailing()));
        return new NginxSsi(Nginx.start(processes, "nginx-ssi", prefix, config, List.of(port)), port);
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

    private static String location(FragmentSpec fragment) {
        String timeout = GatewayManifest.duration(fragment.timeout());
        return "        location = /_f/" + fragment.name() + " {\n"
                + "            internal;\n"
                + "            proxy_pass http://" + upstreamName(fragment) + fragment.url().getRawPath() + ";\n"
                + "            proxy_http_version 1.1;\n"
                + "            proxy_set_header Connection \"\";\n"
                + "            proxy_connect_timeout " + timeout + ";\n"
                + "            proxy_send_timeout " + timeout + ";\n"
                + "            proxy_read_timeout " + timeout + ";\n"
                + (fragment.cacheable() ? CACHE : "")
                + "        }\n";
    }

    private static String upstreamName(FragmentSpec fragment) {
        return "fragment_" + fragment.name().replace('-', '_');
    }

    @Override
    public String name() {
        return "nginx-ssi";
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
