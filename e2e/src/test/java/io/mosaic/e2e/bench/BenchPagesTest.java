package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.ProxyPath;
import io.mosaic.manifest.QuerySelection;
import io.mosaic.manifest.ReadResult;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchPagesTest {

    private final BenchPages pages = BenchPages.of(new OriginUrls(origins(20, "/f%d.html"), origins(5, "/f%d-100k.html"),
                    origins(5, "/cached/f%d.html"), origins(5, "/p/f%d.html"), origins(5, "/assets/f%d.css")),
            URI.create("http://127.0.0.1:9100/slow"), URI.create("http://127.0.0.1:9100/hang"), URI.create("http://127.0.0.1:9200/closed.html"));

    private static List<URI> origins(int count, String path) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> URI.create("http://127.0.0.1:" + (9000 + n) + String.format(path, n))).toList();
    }

    @Test
    void deadPagesHaveTheirDeadFragmentsSecondAndFourthUnderTheirOwnNames() {
        assertThat(pages.deadOne().fragments()).extracting(FragmentSpec::name).containsExactly("f1", "hang", "f3", "closed", "f5");
        assertThat(pages.breakerOpen().fragments()).extracting(FragmentSpec::name).containsExactly("f1", "hang-b", "f3", "closed-b", "f5");
        assertThat(pages.deadOne().markers()).hasSize(3);
    }

    @Test
    void theHangingPageIsFastsWithItsThirdFragmentHangingBehindABreakerThatProbes() {
        assertThat(pages.hanging().fragments()).extracting(FragmentSpec::name).containsExactly("f1", "f2", "hang-l", "f4", "f5");
        assertThat(pages.hanging().markers()).hasSize(4);
        assertThat(GatewayManifest.yaml(pages)).contains("  - name: hang-l\n    team: bench\n    url: http://127.0.0.1:9100/hang\n"
                + "    timeout: 500ms\n    fallback: '" + FragmentSpec.FALLBACK + "'\n    circuitBreaker: " + BenchPages.PROBES_OFTEN + "\n");
    }

    @Test
    void manifestGivesEachFragmentItsDeadlineAndBreaker() {
        String yaml = GatewayManifest.yaml(pages);

        assertThat(yaml).contains("  - name: slow\n    team: bench\n    url: http://127.0.0.1:9100/slow\n    timeout: 1000ms\n");
        assertThat(yaml).contains("  - name: hang-b\n    team: bench\n    url: http://127.0.0.1:9100/hang\n    timeout: 250ms\n"
                + "    fallback: '" + FragmentSpec.FALLBACK + "'\n    circuitBreaker: " + BenchPages.OPENS_QUICKLY + "\n");
        assertThat(yaml).contains("  - path: /slow-one\n    title: Slow one\n    layout: dashboard\n    slots:\n"
                + "      widgets: [f1, f2, slow, f4, f5]\n");
    }

    @Test
    void ssiPageIncludesEveryFragmentInOrderWithTheFallbackStub() {
        String widgets = IncludePage.widgets(pages.slowOne(), NginxSsi::include);

        assertInOrder(widgets, List.of("f1", "f2", "slow", "f4", "f5"), name -> "<div class=\"mosaic-fragment\" data-fragment=\"" + name
                + "\"><!--# include virtual=\"/_f/" + name + "\" stub=\"fallback\" --></div>");
    }

    @Test
    void includePagesAreTheGatewaysDashboardLayoutWithTheDirectivesBeforeTheFirstBox() throws Exception {
        java.nio.file.Path root = io.mosaic.e2e.ConsoleProcesses.repositoryRoot();
        String html = IncludePage.html(root, pages.slowOne(), NginxSsi.FALLBACK_BLOCK, NginxSsi::include);

        // The layout's own styles and the shared part it includes, as the gateway renders them.
        for (String template : List.of("layouts/dashboard.html", "parts/base.html")) {
            String text = java.nio.file.Files.readString(root.resolve(IncludePage.LAYOUTS + template));
            assertThat(html).contains(text.substring(text.indexOf("<style>"), text.indexOf("</style>")));
        }
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Slow one</title>", "<body class=\"mosaic-layout-dashboard\">",
                "<main class=\"mosaic-widgets\">" + IncludePage.widgets(pages.slowOne(), NginxSsi::include) + "</main>")
                .doesNotContain("${", "{{").doesNotContainPattern("\\sth:[a-z]");
        assertThat(html.indexOf(NginxSsi.FALLBACK_BLOCK)).isPositive().isLessThan(html.indexOf("</head>"));
    }

    @Test
    void esiPageIncludesEveryFragmentInOrderInTheSameBoxes() {
        String widgets = IncludePage.widgets(pages.deadOne(), VarnishEsi::include);

        assertInOrder(widgets, List.of("f1", "hang", "f3", "closed", "f5"), name -> "<div class=\"mosaic-fragment\" data-fragment=\""
                + name + "\"><esi:include src=\"/_f/" + name + "\"/></div>");
    }

    @Test
    void scalingAndCachedPagesHaveTheirFragmentsEachWithItsOwnMarker() {
        assertThat(pages.fast20().fragments()).hasSize(20).extracting(FragmentSpec::url).doesNotHaveDuplicates();
        assertThat(pages.fast20().markers()).doesNotHaveDuplicates().hasSize(20);
        assertThat(pages.fast100k().fragments()).extracting(f -> f.url().getPath())
                .containsExactly("/f1-100k.html", "/f2-100k.html", "/f3-100k.html", "/f4-100k.html", "/f5-100k.html");
        assertThat(pages.cached().fragments()).allMatch(FragmentSpec::cacheable).extracting(FragmentSpec::maxAge)
                .containsOnly(BenchPages.MAX_AGE);
        assertThat(pages.fast().fragments()).noneMatch(FragmentSpec::cacheable);
    }

    @Test
    void distinctPageHasFastsFragmentsUnderItsOwnNamesEachPassingItsQueryOn() {
        PageSpec distinct = pages.fastDistinct();

        assertThat(distinct.path()).isEqualTo("/fast-distinct");
        assertThat(distinct.fragments()).extracting(FragmentSpec::name).containsExactly("d1", "d2", "d3", "d4", "d5");
        assertThat(distinct.fragments()).extracting(FragmentSpec::url).containsExactlyElementsOf(
                pages.fast().fragments().stream().map(FragmentSpec::url).toList());
        assertThat(distinct.fragments()).extracting(FragmentSpec::timeout).containsOnly(BenchPages.TIMEOUT);
        assertThat(distinct.markers()).isEqualTo(pages.fast().markers());
        assertThat(distinct.fragments()).extracting(FragmentSpec::forwardedQuery).containsOnly("r");
        assertThat(distinct.fragments()).noneMatch(FragmentSpec::cacheable);
        assertThat(distinct.distinctQuery()).isEqualTo("r");
        assertThat(distinct.checkPath()).isEqualTo("/fast-distinct?r=whole-check");
        // Every page but the three whose requests are all new is requested without a query, and none of their fragments
        // is told to pass one on.
        List<PageSpec> distinctPages = List.of(distinct, pages.fastDistinctUser(), pages.personalised());
        assertThat(pages.all()).filteredOn(page -> !distinctPages.contains(page)).hasSize(8).allSatisfy(page -> {
            assertThat(page.distinctQuery()).isNull();
            assertThat(page.checkPath()).isEqualTo(page.path());
            assertThat(page.fragments()).noneMatch(FragmentSpec::forwardsQuery);
        });
    }

    @Test
    void manifestReadByTheGatewaysReaderForwardsROnlyToTheDistinctPagesFragments() {
        String yaml = GatewayManifest.yaml(pages);
        assertThat(yaml).contains("  - name: d1\n    team: bench\n    url: http://127.0.0.1:9001/f1.html\n    timeout: 250ms\n"
                + "    fallback: '" + FragmentSpec.FALLBACK + "'\n    forward: {query: [r]}\n");

        ReadResult read = new ManifestReader().read("bench.yaml", yaml);
        assertThat(read.problems()).isEmpty();
        Manifest manifest = read.orThrow();
        assertThat(manifest.fragmentNamesOn("/fast-distinct")).containsExactly("d1", "d2", "d3", "d4", "d5");
        for (int n = 1; n <= 5; n++) {
            FragmentDefinition fragment = manifest.fragment("d" + n).orElseThrow();
            assertThat(fragment.forward().query()).isEqualTo(QuerySelection.only(List.of("r")));
            assertThat(fragment.forward().query().allows("r")).isTrue();
            assertThat(fragment.forward().query().allows("other")).isFalse();
            assertThat(fragment.url()).isEqualTo(pages.fast().fragments().get(n - 1).url());
        }
        // fast's fragments keep the gateway's default: their pages are requested without a query.
        assertThat(manifest.fragment("f1").orElseThrow().forward().query()).isEqualTo(QuerySelection.ALL);
    }

    @Test
    void ssiIncludesOfTheDistinctPagePassThePagesArgsAndNoOtherIncludeHasAQuery() {
        String distinct = IncludePage.widgets(pages.fastDistinct(), NginxSsi::include);

        assertInOrder(distinct, List.of("d1", "d2", "d3", "d4", "d5"), name -> "<div class=\"mosaic-fragment\" data-fragment=\""
                + name + "\"><!--# include virtual=\"/_f/" + name + "?$args\" stub=\"fallback\" --></div>");
        for (PageSpec page : pages.all()) {
            if (page.distinctQuery() == null) {
                assertThat(IncludePage.widgets(page, NginxSsi::include)).as(page.path()).doesNotContain("?");
            }
        }
    }

    @Test
    void varnishRoutesTheDistinctPageWithItsQueryAndAppendsItToTheIncludes() {
        assertThat(VarnishEsi.pageRoute(pages.fastDistinct())).isEqualTo("""
                    if (req.url ~ "^/fast-distinct(\\?|$)" && req.esi_level == 0) {
                        set req.backend_hint = pages;
                        return (hash);
                    }
                """);
        assertThat(VarnishEsi.pageRoute(pages.fast())).startsWith("    if (req.url == \"/fast\" && req.esi_level == 0) {\n");
        assertThat(VarnishEsi.includeRoute(pages.fastDistinct().fragments().get(0))).isEqualTo("""
                    if (req.url == "/_f/d1" && req.esi_level > 0) {
                        set req.backend_hint = fragment_d1;
                        set req.url = req.url + regsub(req_top.url, "^[^?]*", "");
                        return (hash);
                    }
                """);
        assertThat(VarnishEsi.includeRoute(pages.fast().fragments().get(0))).doesNotContain("req_top");
        assertThat(VarnishEsi.originPath("/_f/d1", true, "/f1.html", true)).isEqualTo("""
                    if (bereq.url ~ "^/_f/d1(\\?|$)") {
                        set bereq.url = "/f1.html" + regsub(bereq.url, "^[^?]*", "");
                    }
                """);
        assertThat(VarnishEsi.originPath("/_f/f1", false, "/f1.html", false)).isEqualTo("""
                    if (bereq.url == "/_f/f1") {
                        set bereq.url = "/f1.html";
                    }
                """);
    }

    @Test
    void personalisedPagePassesVToOriginsThatWriteItIntoEveryAnswer() {
        PageSpec personal = pages.personalised();

        assertThat(personal.path()).isEqualTo("/personalised");
        assertThat(personal.fragments()).extracting(FragmentSpec::name).containsExactly("p1", "p2", "p3", "p4", "p5");
        assertThat(personal.fragments()).extracting(f -> f.url().getPath())
                .containsExactly("/p/f1.html", "/p/f2.html", "/p/f3.html", "/p/f4.html", "/p/f5.html");
        assertThat(personal.fragments()).allMatch(FragmentSpec::echoes).noneMatch(FragmentSpec::cacheable)
                .noneMatch(FragmentSpec::forwardsCookie).extracting(FragmentSpec::forwardedQuery).containsOnly("v");
        assertThat(personal.fragments()).extracting(FragmentSpec::timeout).containsOnly(BenchPages.TIMEOUT);
        assertThat(personal.markers()).isEqualTo(pages.fast().markers());
        assertThat(personal.echoingFragments()).isEqualTo(5);
        assertThat(personal.distinctQuery()).isEqualTo("v");
        assertThat(personal.userCookie()).isNull();
        assertThat(personal.checkPath()).isEqualTo("/personalised?v=whole-check");
        assertThat(personal.checkHeaders()).isEmpty();
        // No other page's fragments echo anything: their checks look for no value.
        assertThat(pages.all()).filteredOn(page -> page != personal).allMatch(page -> page.echoingFragments() == 0);
    }

    @Test
    void distinctUserPageIsFastDistinctWithEachFragmentReceivingTheUsersCookie() {
        PageSpec user = pages.fastDistinctUser();

        assertThat(user.path()).isEqualTo("/fast-distinct-user");
        assertThat(user.fragments()).extracting(FragmentSpec::name).containsExactly("u1", "u2", "u3", "u4", "u5");
        assertThat(user.fragments()).extracting(FragmentSpec::url).containsExactlyElementsOf(
                pages.fastDistinct().fragments().stream().map(FragmentSpec::url).toList());
        assertThat(user.fragments()).extracting(FragmentSpec::forwardedQuery).containsOnly("r");
        assertThat(user.fragments()).extracting(FragmentSpec::forwardedCookie).containsOnly("user");
        assertThat(user.fragments()).noneMatch(FragmentSpec::echoes).noneMatch(FragmentSpec::cacheable);
        assertThat(user.distinctQuery()).isEqualTo("r");
        assertThat(user.userCookie()).isEqualTo("user");
        assertThat(user.checkHeaders()).containsExactly("Cookie: user=whole-check");
        assertThat(pages.all()).filteredOn(page -> page != user).allSatisfy(page -> {
            assertThat(page.userCookie()).isNull();
            assertThat(page.fragments()).noneMatch(FragmentSpec::forwardsCookie);
        });
    }

    @Test
    void fastsFirstFragmentIsProxiedUnderAPrefixNoFragmentLinksTo() {
        FragmentSpec first = pages.fast().fragments().get(0);

        assertThat(first.proxyPrefix()).isEqualTo("/assets");
        assertThat(pages.proxiedAsset()).isEqualTo("/fragments/f1/assets/f1.css");
        assertThat(pages.fragments()).filteredOn(f -> f.proxyPrefix() != null).containsExactly(first);
        // Every page that shows f1 shows the same definition, so the manifest has one.
        for (PageSpec page : List.of(pages.fast(), pages.slowOne(), pages.deadOne(), pages.breakerOpen(), pages.fast20())) {
            assertThat(page.fragments().get(0)).as(page.path()).isSameAs(first);
        }
        // Nothing in a fragment is under the prefix: the gateway rewrites no link for it, so the pages keep their bytes.
        for (int n = 1; n <= FragmentHtml.MANY; n++) {
            assertThat(FragmentHtml.fragment(n)).doesNotContain("\"/assets");
        }
    }

    @Test
    void manifestGivesTheUserPageItsCookieThePersonalPageItsQueryAndF1ItsProxy() {
        String yaml = GatewayManifest.yaml(pages);
        assertThat(yaml).contains("  - name: u1\n    team: bench\n    url: http://127.0.0.1:9001/f1.html\n    timeout: 250ms\n"
                + "    fallback: '" + FragmentSpec.FALLBACK + "'\n    forward: {query: [r], cookies: [user]}\n");
        assertThat(yaml).contains("  - name: f1\n    team: bench\n    url: http://127.0.0.1:9001/f1.html\n    timeout: 250ms\n"
                + "    fallback: '" + FragmentSpec.FALLBACK + "'\n    proxy: [/assets]\n");

        Manifest manifest = new ManifestReader().read("bench.yaml", yaml).orThrow();
        assertThat(manifest.fragmentNamesOn("/fast-distinct-user")).containsExactly("u1", "u2", "u3", "u4", "u5");
        assertThat(manifest.fragmentNamesOn("/personalised")).containsExactly("p1", "p2", "p3", "p4", "p5");
        for (int n = 1; n <= 5; n++) {
            FragmentDefinition user = manifest.fragment("u" + n).orElseThrow();
            assertThat(user.forward().cookies()).containsExactly("user");
            assertThat(user.forward().query()).isEqualTo(QuerySelection.only(List.of("r")));
            FragmentDefinition personal = manifest.fragment("p" + n).orElseThrow();
            assertThat(personal.forward().query()).isEqualTo(QuerySelection.only(List.of("v")));
            assertThat(personal.forward().cookies()).isEmpty();
            assertThat(personal.url().getPath()).isEqualTo("/p/f" + n + ".html");
        }
        assertThat(manifest.fragment("f1").orElseThrow().proxy()).extracting(ProxyPath::path).containsExactly("/assets");
        assertThat(manifest.fragment("f2").orElseThrow().proxy()).isEmpty();
        assertThat(manifest.fragment("d1").orElseThrow().forward().cookies()).isEmpty();
    }

    @Test
    void ssiAndEsiPassTheNewPagesQueryOnToEveryInclude() {
        for (PageSpec page : List.of(pages.fastDistinctUser(), pages.personalised())) {
            String ssi = IncludePage.widgets(page, NginxSsi::include);
            for (FragmentSpec fragment : page.fragments()) {
                assertThat(ssi).contains("<!--# include virtual=\"/_f/" + fragment.name() + "?$args\" stub=\"fallback\" -->");
                assertThat(VarnishEsi.includeRoute(fragment)).contains("set req.url = req.url + regsub(req_top.url, \"^[^?]*\", \"\");");
            }
            assertThat(VarnishEsi.pageRoute(page)).startsWith("    if (req.url ~ \"^" + page.path() + "(\\?|$)\" && req.esi_level == 0) {\n");
        }
        assertThat(VarnishEsi.originPath("/_f/p1", true, "/p/f1.html", true)).contains("set bereq.url = \"/p/f1.html\" + regsub(bereq.url,"
                + " \"^[^?]*\", \"\");");
    }

    @Test
    void varnishBackendHasTheFragmentsDeadlineForEachPhase() {
        assertThat(VarnishEsi.backend(pages.slowOne().fragments().get(2))).isEqualTo("""
                backend fragment_slow {
                    .host = "127.0.0.1";
                    .port = "9100";
                    .connect_timeout = 1000ms;
                    .first_byte_timeout = 1000ms;
                    .between_bytes_timeout = 1000ms;
                }
                """);
    }

    private static void assertInOrder(String html, List<String> names, Function<String, String> box) {
        int at = -1;
        for (String name : names) {
            int next = html.indexOf(box.apply(name));
            assertThat(next).as(name).isGreaterThan(at);
            at = next;
        }
    }
}
