package io.mosaic.e2e.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The third composer: Varnish with ESI ({@code e2e/bench/varnish-esi.vcl}). Each page has the
 * gateway's own dashboard layout ({@link IncludePage}) with an {@code <esi:include>} per fragment; the
 * page is served once by the static origins' page port and kept, its includes resolved on every
 * delivery. Each fragment has its own backend with the same origin and deadline as the gateway's;
 * where one fails, the include shows the same fallback as the gateway's. Answers are kept only
 * as long as their origin's Cache-Control says.
 *
 * <p>A page with a distinct query ({@code fast-distinct}) is routed and kept by its path alone
 * ({@code vcl_hash}), one copy for every query. ESI cannot put a variable in an include's
 * {@code src}, so a fragment that gets the page's query has it appended in {@code vcl_recv}
 * from the top request's URL ({@code req_top.url}): the include's URL, hence its cache lookup and
 * its origin's URL, differs on every page, and, its answer having no Cache-Control, it is fetched
 * every time, as {@code fast}'s includes are.
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
            routes.append(pageRoute(page));
            originPaths.append(originPath(page.path(), page.distinctQuery() != null, pageOrigin.getRawPath(), false));
        }
        StringBuilder backends = new StringBuilder();
        for (FragmentSpec fragment : pages.fragments()) {
            backends.append(backend(fragment));
            routes.append(includeRoute(fragment));
            originPaths.append(originPath("/_f/" + fragment.name(), fragment.forwardsQuery(), fragment.url().getRawPath(),
                    fragment.forwardsQuery()));
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

    /** The vcl_recv clause of a page: from the page origin, with or without a query when the page has a distinct one. */
    static String pageRoute(PageSpec page) {
        return route(page.path(), page.distinctQuery() != null, "req.esi_level == 0", "pages", "");
    }

    /**
     * The vcl_recv clause of a fragment's include, reachable only as an include; one that gets the
     * page's query has the top request's query (from its {@code ?}, or nothing) appended to its URL.
     */
    static String includeRoute(FragmentSpec fragment) {
        return route("/_f/" + fragment.name(), false, "req.esi_level > 0", backendName(fragment), fragment.forwardsQuery()
                ? "        set req.url = req.url + regsub(req_top.url, \"^[^?]*\", \"\");\n" : "");
    }

    /** A vcl_recv clause sending {@code path} (and, with {@code anyQuery}, {@code path?...}) to {@code backend}. */
    private static String route(String path, boolean anyQuery, String condition, String backend, String more) {
        return "    if (" + urlIs("req.url", path, anyQuery) + " && " + condition + ") {\n"
                + "        set req.backend_hint = " + backend + ";\n"
                + more
                + "        return (hash);\n"
                + "    }\n";
    }

    /**
     * A vcl_backend_fetch clause from the public {@code path} to the origin's; with {@code anyQuery}
     * also {@code path?...}, whose query the origin gets when {@code keepQuery}.
     */
    static String originPath(String path, boolean anyQuery, String originPath, boolean keepQuery) {
        return "    if (" + urlIs("bereq.url", path, anyQuery) + ") {\n"
                + "        set bereq.url = \"" + originPath + "\"" + (keepQuery ? " + regsub(bereq.url, \"^[^?]*\", \"\")" : "") + ";\n"
                + "    }\n";
    }

    /** A VCL test that {@code variable} is {@code path}, or with {@code anyQuery} {@code path} with or without a query. */
    private static String urlIs(String variable, String path, boolean anyQuery) {
        if (!path.matches("[A-Za-z0-9/_-]+")) {
            throw new IllegalArgumentException("not a plain path: " + path);
        }
        return anyQuery ? variable + " ~ \"^" + path + "(\\?|$)\"" : variable + " == \"" + path + "\"";
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
