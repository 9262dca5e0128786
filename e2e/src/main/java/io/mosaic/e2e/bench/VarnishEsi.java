package io.mosaic.e2e.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The third composer: Varnish with ESI ({@code e2e/bench/varnish-esi.vcl}). Each page has the
 * gateway layout's skeleton ({@link IncludePage}) with an {@code <esi:include>} per fragment; the
 * page is served once by the static origins' page port and kept, its includes resolved on every
 * delivery. Each fragment has its own backend with the same origin and deadline as the gateway's;
 * where one fails, the include shows the same fallback as the gateway's. Answers are kept only
 * as long as their origin's Cache-Control says.
 */
final class VarnishEsi implements Composer {

    private final Varnish varnish;
    private final int port;

    private VarnishEsi(Varnish varnish, int port) {
        this.varnish = varnish;
        this.port = port;
    }

    static VarnishEsi start(ChildProcesses processes, Workspace workspace, BenchPages pages, StaticOrigins origins) {
        StringBuilder routes = new StringBuilder();
        StringBuilder originPaths = new StringBuilder();
        URI pageOrigin = null;
        for (PageSpec page : pages.all()) {
            pageOrigin = origins.publish("esi/" + page.name() + ".html", IncludePage.html(workspace, page, "", VarnishEsi::include));
            routes.append(route(page.path(), "req.esi_level == 0", "pages"));
            originPaths.append(originPath(page.path(), pageOrigin.getRawPath()));
        }
        StringBuilder backends = new StringBuilder();
        for (FragmentSpec fragment : pages.fragments()) {
            backends.append(backend(fragment));
            routes.append(route("/_f/" + fragment.name(), "req.esi_level > 0", backendName(fragment)));
            originPaths.append(originPath("/_f/" + fragment.name(), fragment.url().getRawPath()));
        }
        int port = Ports.free(1).get(0);
        String vcl = Template.fill(workspace.template("varnish-esi.vcl"), Map.of(
                "PAGES_PORT", Integer.toString(pageOrigin.getPort()), "BACKENDS", backends.toString().stripTrailing(),
                "ROUTES", routes.toString().stripTrailing(), "ORIGIN_PATHS", originPaths.toString().stripTrailing(),
                "FALLBACK", FragmentSpec.FALLBACK));
        return new VarnishEsi(Varnish.start(processes, "varnish-esi", workspace.dir().resolve("esi"), vcl, port), port);
    }

    /** The ESI include of {@code fragment}, resolved by its route in the VCL. */
    static String include(FragmentSpec fragment) {
        return "<esi:include src=\"/_f/" + fragment.name() + "\"/>";
    }

    /** A vcl_recv clause sending {@code path} to {@code backend}; fragments are reachable only as includes. */
    private static String route(String path, String condition, String backend) {
        return "    if (req.url == \"" + path + "\" && " + condition + ") {\n"
                + "        set req.backend_hint = " + backend + ";\n"
                + "        return (hash);\n"
                + "    }\n";
    }

    private static String originPath(String path, String originPath) {
        return "    if (bereq.url == \"" + path + "\") {\n"
                + "        set bereq.url = \"" + originPath + "\";\n"
                + "    }\n";
    }

    static String backend(FragmentSpec fragment) {
        String timeout = GatewayManifest.duration(fragment.timeout());
        return "backend " + backendName(fragment) + " {\n"
                + "    .host = \"" + fragment.url().getHost() + "\";\n"
                + "    .port = \"" + fragment.url().getPort() + "\";\n"
                + "    .connect_timeout = " + timeout + ";\n"
                + "    .first_byte_timeout = " + timeout + ";\n"
                + "    .between_bytes_timeout = " + timeout + ";\n"
                + "}\n";
    }

    private static String backendName(FragmentSpec fragment) {
        return "fragment_" + fragment.name().replace('-', '_');
    }

    @Override
    public String name() {
        return "varnish-esi";
    }

    @Override
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public List<Long> pids() {
        return varnish.pids();
    }

    /** Backend fetches that failed (refused, deadline passed), by varnishstat's {@code MAIN.fetch_failed}. */
    @Override
    public long failedFragments() {
        return varnish.counter("MAIN.fetch_failed");
    }

    @Override
    public String diagnosis() {
        return varnish.diagnosis();
    }
}
