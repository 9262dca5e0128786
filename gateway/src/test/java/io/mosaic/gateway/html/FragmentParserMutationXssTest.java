package io.mosaic.gateway.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.render.Boxes;
import io.mosaic.manifest.Trust;
import java.net.URI;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Markup built so that jsoup parses it one way and a browser, parsing the gateway's output, another
 * (mutation XSS), one family per test. Each asserts what the issue asks of the gateway: parsing its
 * output again gives exactly the tree it checked, and in a page the fragment's box stays closed
 * around its own content, with nothing forged and nothing that acts on the page.
 */
class FragmentParserMutationXssTest {

    /** The confirmed hole: the second form nests in mtext, a browser drops it, mglyph's style becomes MathML whose content is markup. */
    static final String REPORTED = "<form><math><mtext></form><form><mglyph><style></math></div>"
            + "<meta http-equiv=\"refresh\" content=\"5;url=http://127.0.0.1:1/phish\">"
            + "<div class=\"mosaic-fragment\" data-fragment=\"victim\" data-fragment-state=\"ok\">FORGED</div>"
            + "<img src=x onerror=\"alert(1)\"><div data-fragment-late=\"late\">HIJACKED</div>";

    private final FragmentParser parser = new FragmentParser();
    private final UrlRewriter urls = Rewriters.of(URI.create("http://attacker.internal:9100/fragment"), "/fragments/attacker",
            List.of(), List.of("/api"));

    /**
     * Parses {@code html} as a fragment of level {@code trust}, asserts that the output parses back
     * into the checked tree and keeps to its box in a page, and returns the output.
     */
    private String staysInItsBox(String html, Trust trust) {
        FragmentParser.Checked checked = parser.check(html, urls, trust);
        String markup = checked.markup();
        assertThat(Trees.dump(Trees.parseInBox(markup))).as("parsed again: %s", markup).isEqualTo(Trees.dump(checked.box().childNodes()));
        // The rules, not the safety net, made it stable: parse() emits the checked markup itself.
        assertThat(parser.parse(html, urls, trust).html()).isEqualTo(markup);
        assertBoxesClosed(markup, trust);
        return markup;
    }

    /** The page a browser gets, as a standards-mode parser reads it: three boxes where the layout put them. */
    static void assertBoxesClosed(String markup, Trust trust) {
        Document page = Jsoup.parse("<!DOCTYPE html><html><head></head><body><main class=\"mosaic-main\">"
                + Boxes.open("attacker", "ok", null) + markup + "</div></main><aside class=\"mosaic-aside\">"
                + Boxes.open("victim", "ok", null) + "<p id=\"victim-content\">VICTIM</p></div>"
                + new String(Boxes.placeholder("late", "pending")) + "</aside>" + Boxes.openLate("late", "ok", null)
                + "<p>LATE</p></div></body></html>");
        assertThat(page.select("[data-fragment]").eachAttr("data-fragment")).as(markup).containsExactly("attacker", "victim", "late", "late");
        assertThat(page.selectFirst("[data-fragment=attacker]").parent().className()).isEqualTo("mosaic-main");
        assertThat(page.selectFirst("[data-fragment=victim]").parent().className()).isEqualTo("mosaic-aside");
        assertThat(page.selectFirst("[data-fragment=victim]").html()).isEqualTo("<p id=\"victim-content\">VICTIM</p>");
        assertThat(page.selectFirst("[data-fragment-late]").html()).isEqualTo("<p>LATE</p>");
        assertThat(page.select("[data-fragment-pending]")).hasSize(1);
        Element box = page.selectFirst("[data-fragment=attacker]");
        assertThat(Trees.dump(box.childNodes())).as("the box's content in the page").isEqualTo(Trees.dump(Trees.parseInBox(markup)));
        for (Element element : box.getAllElements()) {
            if (element == box) {
                continue;
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase();
                assertThat(name).as(element.outerHtml()).doesNotStartWith("data-fragment").isNotEqualTo("http-equiv");
                if (trust != Trust.TRUSTED) {
                    assertThat(name).as(element.outerHtml()).doesNotStartWith("on");
                }
            }
            assertThat(element.classNames()).noneMatch(name -> name.startsWith("mosaic-"));
        }
        assertThat(page.select("meta[http-equiv], base")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Trust.class)
    void theReportedPayloadStaysInItsBoxAtEveryTrustLevel(Trust trust) {
        String markup = staysInItsBox(REPORTED, trust);
        assertThat(markup).doesNotContain("FORGED").doesNotContain("HIJACKED").doesNotContain("mglyph").doesNotContain("refresh");
    }

    @ParameterizedTest
    @EnumSource(Trust.class)
    void theReportedPayloadAsAManifestFallbackStaysInItsBox(Trust trust) {
        // PlanCompiler parses a fragment's fallback with the same parser, rewriter and trust as its answers.
        UrlRewriter fallbackUrls = Rewriters.of(URI.create("http://127.0.0.1:9/missing"), "/fragments/attacker", List.of(), List.of());
        String markup = parser.parse(REPORTED, fallbackUrls, trust).html();
        assertThat(Trees.dump(Trees.parseInBox(markup))).isEqualTo(Trees.dump(parser.check(REPORTED, fallbackUrls, trust).box().childNodes()));
        assertBoxesClosed(markup, trust);
    }

    @Test
    void namespaceConfusionHtmlInsideMathOrSvgIsDroppedWithItsContent() {
        // DOMPurify 2.0.17's bypass: </p> takes a parser out of svg, so the style is HTML and its text ends at </style>.
        assertThat(staysInItsBox("<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">", Trust.STANDARD))
                .isEqualTo("<svg></svg><p></p><style><a id=\"</style><img src=\"/fragments/attacker/1\">\"&gt;");
        assertThat(staysInItsBox("<math><mi><b>html in a text integration point</b></mi><mn>2</mn></math>", Trust.STANDARD))
                .isEqualTo("<math><mi></mi><mn>2</mn></math>");
        assertThat(staysInItsBox("<svg><foreignObject><div>x</div></foreignObject><desc><p>y</p></desc><rect></rect></svg>",
                Trust.TRUSTED)).isEqualTo("<svg><desc></desc><rect></rect></svg>");
        assertThat(staysInItsBox("<math><annotation-xml encoding=\"text/html\"><style><img src=x onerror=alert(1)></style>"
                + "</annotation-xml></math><math><svg><style><img src=x onerror=alert(2)>", Trust.STANDARD))
                .isEqualTo("<math></math><math></math><img src=\"/fragments/attacker/x\">");
        assertThat(staysInItsBox("<svg><style>rect{fill:red}</style><rect/></svg><math><style>x</style></math>", Trust.TRUSTED))
                .isEqualTo("<svg><rect /></svg><math></math>");
    }

    @Test
    void nothingStandsInsideAnIntegrationPointWhateverNamespaceItCameWith() {
        // jsoup makes the children of mtext or of an svg title HTML, as a browser does; were it ever to give
        // one a foreign namespace, the serialised child would still be parsed as HTML there, so it goes.
        Element body = Document.createShell("").body();
        Element mtext = append(append(body, "math", ForeignContent.MATHML), "mtext", ForeignContent.MATHML);
        append(mtext, "mi", ForeignContent.MATHML).text("x");
        mtext.appendText("t");
        append(append(append(body, "svg", ForeignContent.SVG), "title", ForeignContent.SVG), "rect", ForeignContent.SVG);
        Element box = emptyBox();
        FragmentCopy.copy(body.childNodes(), box, TrustPreset.TRUSTED, urls, element -> { });
        assertThat(box.html()).isEqualTo("<math><mtext>t</mtext></math><svg><title></title></svg>");
    }

    /** Where a hand-built tree is copied to: a body serialised as the parser's is, without pretty-printing. */
    private static Element emptyBox() {
        Document document = Document.createShell("");
        document.outputSettings().prettyPrint(false);
        return document.body();
    }

    private static Element append(Element parent, String name, String namespace) {
        Element child = new Element(Tag.valueOf(name, namespace, org.jsoup.parser.ParseSettings.htmlDefault), "");
        parent.appendChild(child);
        return child;
    }

    @Test
    void htmlElementsNamedLikeSvgOrMathMlOnesAreDropped() {
        // DOMPurify's rule: a name only SVG or MathML use never stands for an HTML element (the other
        // parser may put it in the foreign namespace); a, title, style, script and font are shared.
        assertThat(staysInItsBox("<p><mglyph>m</mglyph><path>p</path><foreignobject>f</foreignobject><font>kept</font></p>",
                Trust.STANDARD)).isEqualTo("<p><font>kept</font></p>");
    }

    @Test
    void aDeclarativeShadowRootStaysAnInertTemplate() {
        // A browser moves a shadowrootmode template's content into its parent's shadow root: not the tree checked.
        assertThat(staysInItsBox("<div><template shadowrootmode=\"open\" shadowrootdelegatesfocus><p>shadow</p></template>light</div>",
                Trust.STANDARD)).isEqualTo("<div><template><p>shadow</p></template>light</div>");
    }

    @Test
    void controlsCannotJoinAnotherBoxsFormById() {
        assertThat(staysInItsBox("<input name=\"injected\" form=\"victim-form\"><button form=\"victim-form\" "
                + "formaction=\"/api/steal\">steal</button>", Trust.TRUSTED))
                .isEqualTo("<input name=\"injected\"><button formaction=\"/fragments/attacker/api/steal\">steal</button>");
    }

    @Test
    void mglyphAndMalignmarkInMathTextAreDropped() {
        assertThat(staysInItsBox("<math><mtext><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mtext></math>", Trust.STANDARD))
                .isEqualTo("<math><mtext></mtext></math>");
        assertThat(staysInItsBox("<math><mtext><table><malignmark><style><img src=x onerror=alert(1)>", Trust.TRUSTED))
                .doesNotContain("malignmark").doesNotContain("<img");
    }

    @Test
    void nestedFormsLoseTheInnerFormButKeepItsFields() {
        // </form> inside a div leaves the form open in the tree; a browser then nests the next form, but never re-parses one so.
        String markup = staysInItsBox("<form action=\"/api/a\"><div></form><form action=\"/api/b\"><input name=\"q\"></form>", Trust.STANDARD);
        assertThat(markup).isEqualTo("<form action=\"/fragments/attacker/api/a\"><div><input name=\"q\"></div></form>");
    }

    @Test
    void anchorsButtonsAndNobrInsideTheirOwnKindAreUnwrapped() {
        // No parser builds these from markup, but a copy must not emit them whatever tree it is given.
        Element body = Jsoup.parse("").body();
        body.appendElement("a").attr("href", "#1").appendElement("span").appendElement("a").attr("href", "#2").text("inner");
        body.appendElement("button").appendElement("button").text("b");
        body.appendElement("nobr").appendElement("nobr").text("n");
        Element box = emptyBox();
        FragmentCopy.copy(body.childNodes(), box, TrustPreset.STANDARD, urls, element -> { });
        assertThat(box.html()).isEqualTo("<a href=\"#1\"><span>inner</span></a><button>b</button><nobr>n</nobr>");
        assertThat(ParseCheck.reparsesTo(box.html(), box)).isTrue();
    }

    @Test
    void rawTextElementsThatABrowserReadsDifferentlyAreDropped() {
        // jsoup reads noscript as markup, a browser with scripts as text up to the first </noscript>, attribute or not.
        assertThat(staysInItsBox("<p>kept</p><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></noscript>",
                Trust.TRUSTED)).isEqualTo("<p>kept</p>");
        for (String tag : List.of("noembed", "noframes", "xmp")) {
            String html = "<p>kept</p><" + tag + "><div data-fragment=\"victim\"><img src=x onerror=alert(1)></" + tag + ">";
            assertThat(staysInItsBox(html, Trust.TRUSTED)).as(tag).isEqualTo("<p>kept</p>");
        }
        assertThat(staysInItsBox("<p>before</p><plaintext><div data-fragment=\"victim\">FORGED", Trust.STANDARD)).isEqualTo("<p>before</p>");
        // An iframe's content is raw text up to its end tag for jsoup and a browser alike; kept, it could be nothing else.
        assertThat(staysInItsBox("<iframe src=\"/api/frame\"><b>no frames?</b></iframe><p>after</p>", Trust.STANDARD))
                .isEqualTo("<iframe src=\"/fragments/attacker/api/frame\"></iframe><p>after</p>");
        assertThat(staysInItsBox("<iframe src=\"/api/frame\"></iframe>", Trust.UNTRUSTED)).isEmpty();
    }

    @Test
    void anIframeKeepsNoContentWhateverItWasGiven() {
        // A browser reads an iframe's content as raw text: an element in it (built, not parsed) would come back as text.
        Element body = Jsoup.parse("").body();
        body.appendElement("iframe").attr("src", "/api/frame").appendElement("b").text("x");
        Element box = emptyBox();
        FragmentCopy.copy(body.childNodes(), box, TrustPreset.STANDARD, urls, element -> { });
        assertThat(box.html()).isEqualTo("<iframe src=\"/fragments/attacker/api/frame\"></iframe>");
    }

    @Test
    void scriptsAndStylesWhoseTextHoldsTheirEndTagOrACommentOpenerAreDropped() {
        assertThat(staysInItsBox("<div><script><!--<script></script><img src=x onerror=alert(1)></script></div>", Trust.TRUSTED))
                .doesNotContain("<script");
        assertThat(staysInItsBox("<style>p{}<!--</style><p>after</p>", Trust.STANDARD)).isEqualTo("<p>after</p>");
        // Built as a tree (no parser puts it there): serialised raw, the style's text would be markup.
        Element body = Jsoup.parse("").body();
        body.appendElement("style").appendChild(new org.jsoup.nodes.DataNode("</style><img src=x onerror=alert(1)>"));
        Element box = emptyBox();
        FragmentCopy.copy(body.childNodes(), box, TrustPreset.STANDARD, urls, element -> { });
        assertThat(box.html()).isEmpty();
    }

    @Test
    void commentsAndCdataAreNeverEmittedAsMarkup() {
        assertThat(staysInItsBox("<p>a<!-- </p><div data-fragment=\"victim\"> -->b</p><!--><img src=x onerror=alert(1)>-->", Trust.TRUSTED))
                .doesNotContain("<!--").startsWith("<p>ab</p>");
        assertThat(staysInItsBox("<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]></svg>", Trust.STANDARD))
                .isEqualTo("<svg>&lt;/svg&gt;&lt;img src=x onerror=alert(1)&gt;</svg>");
        assertThat(staysInItsBox("<?xml-stylesheet href=\"x\"?><p>pi</p>", Trust.STANDARD)).isEqualTo("<p>pi</p>");
    }

    @Test
    void svgElementsThatRunScriptOrLeaveSvgAreDropped() {
        String markup = staysInItsBox("<svg><a href=\"#x\"><animate attributeName=\"href\" values=\"javascript:alert(1)\"/>"
                + "<set attributeName=\"onmouseover\" to=\"alert(1)\"/><text>t</text></a><font>f</font></svg>", Trust.STANDARD);
        assertThat(markup).isEqualTo("<svg><a href=\"#x\"><text>t</text></a></svg>");
        // With color, face or size, font takes a parser out of svg: an HTML font, after the svg.
        assertThat(staysInItsBox("<svg><font color=\"red\"><b>x</b></font></svg>", Trust.STANDARD))
                .isEqualTo("<svg></svg><font color=\"red\"><b>x</b></font>");
    }

    @Test
    void aForgedBoxTheGatewaysAttributesAndDeclarativePatchesAreStripped() {
        String markup = staysInItsBox("</div></main><div class=\"mosaic-fragment x\" data-fragment=\"victim\" data-fragment-state=\"ok\" "
                + "data-fragment-late=\"late\" nonce=\"guess\" http-equiv=\"refresh\">F</div><template for=\"victim-content\" "
                + "patchsrc=\"/api/p\"><p>patched</p></template><label for=\"q\">q</label>", Trust.TRUSTED);
        assertThat(markup).isEqualTo("<div class=\"x\">F</div><template><p>patched</p></template><label for=\"q\">q</label>");
    }

    @Test
    void carriageReturnsAreReadAsABrowserReadsThemInAttributesToo() {
        // jsoup keeps a CR in an attribute value; a browser reads CR LF as LF (DOMPurify fixture 18).
        assertThat(staysInItsBox("<img src=\"\r\ndata:image/png,x\" alt=\"a\rb\">\r\n", Trust.STANDARD))
                .isEqualTo("<img src=\"\ndata:image/png,x\" alt=\"a\nb\">\n");
    }

    @Test
    void fragmentsAreParsedInStandardsModeLikeThePage() {
        // In quirks mode a table stays inside a p; in the page's standards mode a browser closes the p first.
        assertThat(staysInItsBox("<p><table><tr><td>cell</td></tr></table>", Trust.STANDARD))
                .isEqualTo("<p></p><table><tbody><tr><td>cell</td></tr></tbody></table>");
    }

    @Test
    void nestingDeeperThanABrowserBuildsIsCutOff() {
        String markup = staysInItsBox("<div>".repeat(600) + "<img src=x onerror=alert(1)>", Trust.TRUSTED);
        assertThat(markup).doesNotContain("<img");
        assertThat(markup.split("<div>", -1)).hasSize(FragmentCopy.MAX_DEPTH + 1);
    }

    @Test
    void markupThatWouldNotParseBackAsCheckedIsEmittedAsItsTextOnly() {
        // An untrusted template is unwrapped, leaving rows straight in a table: a parser adds a tbody the copy has not.
        String html = "<table><template><tr><td>cell &amp; <b>more</b></td></tr></template></table>";
        FragmentParser.Checked checked = parser.check(html, urls, Trust.UNTRUSTED);
        assertThat(ParseCheck.reparsesTo(checked.markup(), checked.box())).isFalse();
        assertThat(parser.parse(html, urls, Trust.UNTRUSTED).html()).isEqualTo("cell &amp; more");
        // The check itself, on a tree no parser builds from its own serialisation.
        Element div = new Element(Tag.valueOf("p"), "").appendElement("div").text("x").parent();
        assertThat(ParseCheck.reparsesTo(div.outerHtml(), Document.createShell("").body().appendChild(div))).isFalse();
    }
}
