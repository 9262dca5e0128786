package io.mosaic.gateway.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import io.mosaic.gateway.render.Spliced;
import io.mosaic.gateway.policy.FragmentPolicy;
import io.mosaic.gateway.policy.PathPolicy;
import io.mosaic.gateway.policy.Allowance;
import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.Trust;
import org.junit.jupiter.api.Test;

class FragmentParserTest {

    private final FragmentParser parser = new FragmentParser();
    private final UrlRewriter urls = new UrlRewriter(FragmentPolicy.of("members", URI.create("http://members.internal:9102/team/fragment"),
            PathPolicy.of(List.of("/assets/members.css"), List.of("/api")), Forwarding.DEFAULT, Allowance.OPERATOR, Trust.STANDARD));

    private ParsedFragment parse(String html) {
        return parser.parse(html, urls);
    }

    @Test
    void takesOnlyTheBodyOfAWholeDocument() {
        ParsedFragment parsed = parse("<!DOCTYPE html><html><head><title>T</title></head><body class=x><p>Hi</p></body></html>");
        assertThat(parsed.html()).isEqualTo("<p>Hi</p>");
    }

    @Test
    void collectsStylesheetsAndScriptsFromHeadAndBodyOnceAndInOrder() {
        ParsedFragment parsed = parser.parse("""
                <html><head><link rel="stylesheet" href="/assets/members.css"><script src="a.js" type="module"></script></head>
                <body><link rel="stylesheet" href="/assets/members.css" media="print"><p>x</p><script src="/b.js"></script></body></html>""", urls, Trust.TRUSTED);
        assertThat(parsed.assets()).containsExactly(
                Asset.css("/fragments/members/assets/members.css"),
                new Asset(Asset.Kind.JS, "/fragments/members/team/a.js", "module", null),
                Asset.js("/fragments/members/b.js"));
        assertThat(parsed.html()).doesNotContain("<link").doesNotContain("<script");
    }

    @Test
    void scriptsTheManifestDoesNotDeclareAreDroppedUnlessTheFragmentIsTrusted() {
        ParsedFragment parsed = parse("<link rel=stylesheet href=/a.css><script src=/b.js></script><p>x</p>");
        assertThat(parsed.assets()).containsExactly(Asset.css("/fragments/members/a.css"));
        assertThat(parsed.html()).isEqualTo("<p>x</p>");
    }

    @Test
    void keepsInlineStylesFromTheHeadAndATrustedFragmentsScriptsWithTheNonceMarker() {
        String html = "<html><head><style>.m{color:red}</style><script>window.x=1</script></head><body><p>b</p></body></html>";
        assertThat(parse(html).html()).isEqualTo("<style>.m{color:red}</style><p>b</p>");
        assertThat(parser.parse(html, urls, Trust.TRUSTED).html())
                .isEqualTo("<style>.m{color:red}</style><script nonce=\"" + Spliced.MARKER + "\">window.x=1</script><p>b</p>");
    }

    @Test
    void closesWhatTheFragmentLeftOpen() {
        ParsedFragment parsed = parse("<div><table><tr><td>cell<p>para");
        Document wrapped = Jsoup.parseBodyFragment("<div id=box>" + parsed.html() + "</div><div id=next></div>");
        assertThat(wrapped.select("#box #next")).isEmpty();
        assertThat(wrapped.select("#box td p").text()).isEqualTo("para");
    }

    @Test
    void dropsDocumentLevelElementsThatWouldActOnTheWholePage() {
        ParsedFragment parsed = parse("<base href=http://evil/><meta http-equiv=refresh content=0><meta charset=latin1>"
                + "<title>x</title><p>kept</p><meta name=description content=kept>");
        assertThat(parsed.html()).isEqualTo("<p>kept</p><meta name=\"description\" content=\"kept\">");
    }

    @Test
    void rewritesResourceUrlsOnTheFragmentsOwnOriginToItsProxy() {
        ParsedFragment parsed = parse("""
                <img src="logo.png" srcset="/a.png 1x, b.png 2x"><img src="http://members.internal:9102/c.png">
                <img src="https://cdn.example/d.png"><img src="//cdn.example/e.png"><img src="data:image/png;base64,AA==">
                <video poster="/poster.jpg"><source src="/v.mp4"></video>""");
        Document doc = Jsoup.parseBodyFragment(parsed.html());
        assertThat(doc.select("img").eachAttr("src")).containsExactly("/fragments/members/team/logo.png",
                "/fragments/members/c.png", "https://cdn.example/d.png", "//cdn.example/e.png", "data:image/png;base64,AA==");
        assertThat(doc.select("img").first().attr("srcset")).isEqualTo("/fragments/members/a.png 1x, /fragments/members/team/b.png 2x");
        assertThat(doc.select("video").attr("poster")).isEqualTo("/fragments/members/poster.jpg");
        assertThat(doc.select("source").attr("src")).isEqualTo("/fragments/members/v.mp4");
    }

    @Test
    void rewritesNavigationOnlyWhenTheProxyServesIt() {
        ParsedFragment parsed = parse("""
                <a href="/admin/members">page</a><a href="/api/export?format=csv">export</a><a href="#top">top</a>
                <a href="?page=2">next</a><a href="mailto:a@b.c">mail</a><form action="/api/search"></form><form></form>""");
        Document doc = Jsoup.parseBodyFragment(parsed.html());
        assertThat(doc.select("a").eachAttr("href")).containsExactly("/admin/members", "/fragments/members/api/export?format=csv",
                "#top", "?page=2", "mailto:a@b.c");
        assertThat(doc.select("form").first().attr("action")).isEqualTo("/fragments/members/api/search");
        assertThat(doc.select("form").last().hasAttr("action")).isFalse();
    }

    @Test
    void straySectionEndsAndTextAfterTheDocumentStayInside() {
        ParsedFragment parsed = parse("<p>one</p></body></html><p>two</p>");
        assertThat(parsed.html()).isEqualTo("<p>one</p><p>two</p>");
    }

    @Test
    void escapesTextThatLooksLikeMarkupOnlyOnce() {
        ParsedFragment parsed = parse("<p title='a \"b\"'>1 &lt; 2 &amp; 3</p>");
        assertThat(parsed.html()).isEqualTo("<p title=\"a &quot;b&quot;\">1 &lt; 2 &amp; 3</p>");
    }
}
