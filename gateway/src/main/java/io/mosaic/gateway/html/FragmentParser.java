package io.mosaic.gateway.html;

import io.mosaic.manifest.Trust;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a fragment's answer safe to put inside a page: whatever the origin sent (a snippet, a
 * whole document, unclosed tags, a stray {@code </body></html>}, markup built to be parsed one way
 * by jsoup and another by a browser), the result is balanced markup for one box that a browser
 * parses into exactly the tree the gateway checked. Stylesheets and scripts are taken out to be
 * loaded once per page; the fragment's own URLs are pointed at its proxy; document-level elements
 * are dropped, since they would act on the whole page.
 *
 * <p>Three steps: the answer is parsed as a standards-mode document; its head's styles, scripts
 * and templates and its body are copied into a new document through the fragment's
 * {@link TrustPreset} ({@link FragmentCopy}); the copy is serialised and parsed again
 * ({@link ParseCheck}). If that second parse does not give the copy back, the markup is not
 * emitted: the box gets the copy's text only, escaped, and a warning names the fragment.
 */
public final class FragmentParser {

    private static final Logger log = LoggerFactory.getLogger(FragmentParser.class);

    /**
     * Put before every answer: the page is a standards-mode document, so its fragments are parsed
     * as one too (in quirks mode a {@code <table>} stays inside a {@code <p>}, in a browser's
     * standards mode it does not). An answer's own doctype comes second and is ignored.
     */
    private static final String STANDARDS_MODE = "<!DOCTYPE html>";

    /** Parses {@code html} as the body of a {@link Trust#STANDARD} fragment whose URLs {@code urls} rewrites. */
    public ParsedFragment parse(String html, UrlRewriter urls) {
        return parse(html, urls, Trust.STANDARD);
    }

    /** Parses {@code html} as the body of a fragment trusted as {@code trust}, whose URLs {@code urls} rewrites. */
    public ParsedFragment parse(String html, UrlRewriter urls, Trust trust) {
        Checked checked = check(html, urls, trust);
        String markup = checked.markup();
        if (!ParseCheck.reparsesTo(markup, checked.box())) {
            // A parser differential the copy's rules do not know: the markup would not be parsed
            // into the tree that was checked, so none of it is emitted. The text is still the
            // fragment's, and escaped it can be nothing but text.
            log.warn("Fragment at {} ({}): its markup would not be parsed back as checked; showing its text only",
                    urls.proxyBase(), urls.base());
            markup = Entities.escape(checked.box().text());
        }
        return new ParsedFragment(markup, checked.assets());
    }

    /**
     * The checked tree of an answer and its markup, before the parse check.
     *
     * @param box the element whose children are the fragment's content, as checked
     * @param markup {@code box}'s content serialised
     * @param assets stylesheets and scripts the page loads for it
     */
    record Checked(Element box, String markup, List<Asset> assets) {
    }

    /** The answer {@code html} copied through {@code trust}'s preset, serialised (not yet parsed again). */
    Checked check(String html, UrlRewriter urls, Trust trust) {
        TrustPreset preset = TrustPreset.of(trust);
        if (html.indexOf('\r') >= 0) {
            // The HTML standard's input preprocessing, which jsoup leaves out: a browser reads CR LF
            // and a lone CR as LF, also inside attribute values, where jsoup would keep the CR.
            html = html.replace("\r\n", "\n").replace('\r', '\n');
        }
        Document answer = Jsoup.parse(STANDARDS_MODE + html, "", Parser.htmlParser());
        answer.setBaseUri(TrustPreset.SAFELIST_BASE);
        Map<String, Asset> assets = new LinkedHashMap<>();
        // The head holds what the parser hoisted out of a snippet (or a whole document's head):
        // its styles, inline scripts and templates go first, inside the box like the rest; its
        // stylesheets and scripts are collected on the way; everything else there is dropped.
        List<Element> roots = new ArrayList<>();
        for (Element element : answer.head().children()) {
            if (element.nameIs("style") || element.nameIs("script") || element.nameIs("template") || element.nameIs("link")) {
                roots.add(element);
            }
        }
        Document page = Document.createShell("");
        page.quirksMode(Document.QuirksMode.noQuirks);
        page.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base);
        Element box = page.body();
        FragmentCopy.copy(roots, box, preset, urls, element -> collect(element, urls, preset, assets));
        FragmentCopy.copy(answer.body().childNodes(), box, preset, urls, element -> collect(element, urls, preset, assets));
        return new Checked(box, box.html(new StringBuilder(html.length() + 256)).toString(), List.copyOf(assets.values()));
    }

    /** A stylesheet or script found in the answer, if the preset loads it with the page. */
    private static void collect(Element element, UrlRewriter urls, TrustPreset preset, Map<String, Asset> assets) {
        Asset asset = null;
        if (element.nameIs("link") && preset.stylesheetAssets()) {
            asset = new Asset(Asset.Kind.CSS, urls.resource(element.attr("href")), null,
                    element.hasAttr("media") ? element.attr("media") : null);
        } else if (element.nameIs("script") && preset.scriptAssets()) {
            asset = new Asset(Asset.Kind.JS, urls.resource(element.attr("src")), element.hasAttr("type") ? element.attr("type") : null, null);
        }
        if (asset != null) {
            assets.putIfAbsent(asset.key(), asset);
        }
    }
}
