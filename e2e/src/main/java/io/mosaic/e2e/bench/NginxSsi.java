package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The baseline composer: nginx ({@code worker_processes auto}) with SSI, one page template per
 * scenario with the gateway layout's skeleton and an {@code include virtual} per fragment, each
 * proxied to the same origin as the gateway's with the same deadline and a keep-alive upstream.
 * Where an include fails, its {@code stub} shows the same fallback as the gateway's.
 */
final class NginxSsi implements Composer {

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
                Files.writeString(pagesDir.resolve(page.path().substring(1) + ".html"), Template.fill(workspace.template("ssi-page.html"),
                        Map.of("TITLE", page.title(), "FALLBACK", FragmentSpec.FALLBACK, "WIDGETS", widgets(page))));
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

    /** The boxes of the page's widgets slot, as the gateway writes them, each filled by an include. */
    static String widgets(PageSpec page) {
        StringBuilder html = new StringBuilder();
        for (FragmentSpec fragment : page.fragments()) {
            html.append("<div class=\"mosaic-fragment\" data-fragment=\"").append(fragment.name()).append("\">")
                    .append("<!--# include virtual=\"/_f/").append(fragment.name()).append("\" stub=\"fallback\" -->")
                    .append("</div>");
        }
        return html.toString();
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
