package io.mosaic.gateway.html;

import io.mosaic.manifest.Trust;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;

/**
 * Makes a fragment's answer safe to put inside a page: whatever the origin sent (a snippet, a
 * whole document, unclosed tags, a stray {@code </body></html>}), the result is balanced markup
 * for one box. Stylesheets and scripts are taken out to be loaded once per page; the fragment's
 * own URLs are pointed at its proxy; document-level elements ({@code <base>},
 * {@code <meta http-equiv>}, {@code <title>}, other {@code <link>}s) are dropped, since they would act on the
 * whole page. What may run, and what keeps the fragment inside its box, follows the fragment's
 * {@link Trust} ({@link BoxGuard}, {@link UntrustedSafelist}).
 */
public final class FragmentParser {

    /** Attributes holding a resource the browser loads, by element. */
    private static final Map<String, Set<String>> RESOURCE_ATTRIBUTES = Map.ofEntries(
            Map.entry("img", Set.of("src")), Map.entry("script", Set.of("src")), Map.entry("iframe", Set.of("src")),
            Map.entry("audio", Set.of("src")), Map.entry("video", Set.of("src", "poster")), Map.entry("source", Set.of("src")),
            Map.entry("track", Set.of("src")), Map.entry("embed", Set.of("src")), Map.entry("input", Set.of("src")),
            Map.entry("object", Set.of("data")), Map.entry("link", Set.of("href")), Map.entry("image", Set.of("href", "xlink:href")),
            Map.entry("use", Set.of("href", "xlink:href")));

    /** Attributes holding a place the user navigates to, by element. */
    private static final Map<String, Set<String>> NAVIGATION_ATTRIBUTES = Map.of(
            "a", Set.of("href"), "area", Set.of("href"), "form", Set.of("action"),
            "button", Set.of("formaction"), "input", Set.of("formaction"));

    /** Parses {@code html} as the body of a {@link Trust#STANDARD} fragment whose URLs {@code urls} rewrites. */
    public ParsedFragment parse(String html, UrlRewriter urls) {
        return parse(html, urls, Trust.STANDARD);
    }

    /** Parses {@code html} as the body of a fragment trusted as {@code trust}, whose URLs {@code urls} rewrites. */
    public ParsedFragment parse(String html, UrlRewriter urls, Trust trust) {
        Document document = Jsoup.parse(html, "", Parser.htmlParser());
        Map<String, Asset> assets = new LinkedHashMap<>();
        List<Node> kept = new ArrayList<>();
        // The head holds what the parser hoisted out of a snippet (or a whole document's head):
        // keep inline styles and scripts, collect linked assets, drop the rest.
        for (Element element : document.head().children()) {
            if (!collectAsset(element, urls, assets, trust) && keepFromHead(element)) {
                kept.add(element);
            }
        }
        Element body = document.body();
        for (Element element : new ArrayList<>(body.getAllElements())) {
            if (element == body) {
                continue;
            }
            if (collectAsset(element, urls, assets, trust) || isDocumentLevel(element)) {
                element.remove();
                continue;
            }
            rewrite(element, urls);
        }
        kept.forEach(node -> rewrite((Element) node, urls));
        // What the head held goes first, inside the box like the rest.
        body.prependChildren(kept);
        if (trust == Trust.UNTRUSTED) {
            // Only what the safelist allows is copied into a new document; the head's styles and scripts go.
            document = UntrustedSafelist.clean(document);
            body = document.body();
            assets.clear();
        }
        BoxGuard.apply(List.of(body), trust);
        document.outputSettings()
                .prettyPrint(false)
                .charset(java.nio.charset.StandardCharsets.UTF_8)
                .escapeMode(Entities.EscapeMode.base);
        StringBuilder out = new StringBuilder(html.length() + 64);
        out.append(body.html());
        return new ParsedFragment(out.toString(), new ArrayList<>(assets.values()));
    }

    /** Scripts and stylesheets found in the answer. Scripts the manifest does not declare run only for trusted fragments. */
    private static boolean collectAsset(Element element, UrlRewriter urls, Map<String, Asset> assets, Trust trust) {
        String tag = element.normalName();
        if (tag.equals("link") && element.hasAttr("href") && relTokens(element).contains("stylesheet")) {
            Asset asset = new Asset(Asset.Kind.CSS, urls.resource(element.attr("href")), null,
                    element.hasAttr("media") ? element.attr("media") : null);
            assets.putIfAbsent(asset.key(), asset);
            return true;
        }
        if (tag.equals("script") && element.hasAttr("src") && !element.attr("src").isBlank()) {
            if (trust != Trust.TRUSTED) {
                return true;
            }
            Asset asset = new Asset(Asset.Kind.JS, urls.resource(element.attr("src")),
                    element.hasAttr("type") ? element.attr("type") : null, null);
            assets.putIfAbsent(asset.key(), asset);
            return true;
        }
        return false;
    }

    private static Set<String> relTokens(Element element) {
        return Set.of(element.attr("rel").toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    private static boolean keepFromHead(Element element) {
        String tag = element.normalName();
        return tag.equals("style") || (tag.equals("script") && !element.hasAttr("src")) || tag.equals("template");
    }

    private static boolean isDocumentLevel(Element element) {
        String tag = element.normalName();
        return tag.equals("base") || tag.equals("title") || tag.equals("link")
                || (tag.equals("meta") && (element.hasAttr("http-equiv") || element.hasAttr("charset")
                        || element.attr("name").equalsIgnoreCase("referrer")));
    }

    private static void rewrite(Element element, UrlRewriter urls) {
        String tag = element.normalName();
        for (String attribute : RESOURCE_ATTRIBUTES.getOrDefault(tag, Set.of())) {
            if (element.hasAttr(attribute)) {
                element.attr(attribute, urls.resource(element.attr(attribute)));
            }
        }
        for (String attribute : NAVIGATION_ATTRIBUTES.getOrDefault(tag, Set.of())) {
            if (element.hasAttr(attribute)) {
                element.attr(attribute, urls.navigation(element.attr(attribute)));
            }
        }
        if ((tag.equals("img") || tag.equals("source")) && element.hasAttr("srcset")) {
            element.attr("srcset", urls.srcset(element.attr("srcset")));
        }
    }
}
