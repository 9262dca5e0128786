package io.mosaic.gateway.html;

import io.mosaic.gateway.render.Spliced;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Keeps a fragment in its box and its scripts under the page's policy, whatever its trust: what
 * {@link FragmentCopy} asks of every element and attribute before it copies one. The aim is that
 * the markup the page gets is parsed by a browser into exactly the tree the gateway checked:
 * <ul>
 *   <li>elements a browser parses differently from jsoup are dropped with their content: the
 *   obsolete raw-text elements ({@code <plaintext>} never ends; {@code <xmp>}, {@code <noembed>},
 *   {@code <noframes>} have no use but parser differentials), {@code <noscript>} (jsoup reads it
 *   as markup, a browser with scripts as text, so {@code <noscript><p title="</noscript><div
 *   data-fragment=x>">} would open a box of the fragment's choosing), and
 *   {@code <selectedcontent>} (a browser fills it with a copy of the selected option);</li>
 *   <li>a {@code <script>} or {@code <style>} whose text holds its own end tag or {@code <!--}
 *   (which opens a script's escaped states) is dropped: serialised raw, that text would be markup;
 *   an {@code <iframe>} keeps no content (a browser reads it as raw text and shows none of it);</li>
 *   <li>structures no parser builds from markup lose their inner element, keeping its content: a
 *   form inside a form (a browser drops the inner start tag), an {@code a} inside an {@code a}, a
 *   {@code button} inside a {@code button}, a {@code nobr} inside a {@code nobr} (a browser
 *   closes the outer one first);</li>
 *   <li>document-level elements ({@code <base>}, {@code <title>}, {@code <link>},
 *   {@code <meta http-equiv|charset>}, {@code <meta name=referrer>}) would act on the whole page;</li>
 *   <li>no {@code data-fragment*} attributes, no {@code mosaic-} classes and no {@code nonce}
 *   attributes: only the gateway writes those (a trusted fragment's inline scripts get the gateway's
 *   nonce marker); no {@code http-equiv} anywhere; no attribute whose name the serialiser would
 *   have to repair (it would be parsed back under another name); no declarative-partial-update linkage
 *   ({@code patchsrc}, and {@code for} but on {@code label}/{@code output}), with which one
 *   box's markup could be patched into another's; no {@code shadowroot*} attributes (a browser
 *   turns a {@code <template shadowrootmode>} into its parent's shadow root, a tree other than
 *   the one checked); no {@code form} attribute (a control or button could join another box's
 *   form by its id, and post its fields to the fragment's own proxy);</li>
 *   <li>unless the preset keeps them: no {@code on*} attributes, {@code srcdoc}, or
 *   {@code javascript:}/{@code vbscript:} URLs.</li>
 * </ul>
 */
final class BoxGuard {

    /** What the copy does with an element. */
    enum Verdict {
        /** Copy it and its content. */
        KEEP,
        /** Copy it without its content. */
        KEEP_EMPTY,
        /** Leave it out but copy its content in its place. */
        UNWRAP,
        /** Leave it and its content out. */
        DROP
    }

    /** Elements a browser parses differently from jsoup, or rewrites after parsing, or that cannot stand in a body. */
    private static final Set<String> DIFFERENTIAL = Set.of("plaintext", "xmp", "noembed", "noframes", "noscript", "selectedcontent",
            "frameset", "frame");

    /** Elements a browser closes when the same start tag comes again inside them: nested, they cannot round-trip. */
    private static final Set<String> NOT_NESTABLE = Set.of("form", "a", "button", "nobr");

    private BoxGuard() {
    }

    /** What to do with HTML element {@code element}, about to be copied under {@code parent}. */
    static Verdict verdict(Element element, Element parent, TrustPreset preset) {
        String tag = element.normalName();
        if (DIFFERENTIAL.contains(tag) || documentLevel(element)) {
            return Verdict.DROP;
        }
        boolean rawText = tag.equals("script") || tag.equals("style");
        if ((tag.equals("script") && !preset.inlineScripts()) || (rawText && rawTextEscapes(element))) {
            return Verdict.DROP;
        }
        if (preset.safelist() != null && !preset.safelist().isSafeTag(tag)) {
            return Verdict.UNWRAP;
        }
        if (NOT_NESTABLE.contains(tag) && insideSame(parent, tag)) {
            return Verdict.UNWRAP;
        }
        if (tag.equals("form") && preset.refusesFormAction(element.attr("action"))) {
            return Verdict.UNWRAP;
        }
        return tag.equals("iframe") ? Verdict.KEEP_EMPTY : Verdict.KEEP;
    }

    /** Whether {@code element} is a stylesheet or script a page loads from its head (collected before the copy drops it). */
    static boolean asset(Element element) {
        String tag = element.normalName();
        return (tag.equals("link") && element.hasAttr("href") && relTokens(element).contains("stylesheet"))
                || (tag.equals("script") && !element.attr("src").isBlank());
    }

    private static boolean documentLevel(Element element) {
        String tag = element.normalName();
        return tag.equals("base") || tag.equals("title") || tag.equals("link") || (tag.equals("script") && !element.attr("src").isBlank())
                || (tag.equals("meta") && (element.hasAttr("http-equiv") || element.hasAttr("charset")
                        || element.attr("name").equalsIgnoreCase("referrer")));
    }

    /** A script's or style's text that a browser would not read to its end as jsoup did. */
    private static boolean rawTextEscapes(Element element) {
        String text = element.data().toLowerCase(Locale.ROOT);
        return text.contains("</" + element.normalName()) || text.contains("<!--");
    }

    private static boolean insideSame(Element parent, String tag) {
        for (Element e = parent; e != null; e = e.parent()) {
            if (e.normalName().equals(tag) && e.tag().namespace().equals(ForeignContent.HTML)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> relTokens(Element element) {
        return Set.of(element.attr("rel").toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    /**
     * Copies {@code source}'s attributes that may stay onto {@code copy}, URLs pointed at the
     * fragment's proxy by {@code urls}. A kept inline script gets the gateway's nonce marker.
     */
    static void copyAttributes(Element source, Element copy, TrustPreset preset, UrlRewriter urls) {
        String tag = source.normalName();
        boolean html = source.tag().namespace().equals(ForeignContent.HTML);
        Attributes attributes = copy.attributes();
        for (Attribute attribute : source.attributes()) {
            String key = attribute.getKey();
            String name = key.toLowerCase(Locale.ROOT);
            // A name the serialiser must repair (a quote or < in it) would come back under another name.
            if (!key.equals(Attribute.getValidKey(key, Document.OutputSettings.Syntax.html))
                    || name.startsWith("data-fragment") || name.equals("nonce") || name.equals("http-equiv") || name.equals("patchsrc")
                    || (name.equals("for") && !(html && (tag.equals("label") || tag.equals("output"))))
                    || name.startsWith("shadowroot") || (html && name.equals("form"))) {
                continue;
            }
            String value = urls.attribute(tag, name, attribute.getValue());
            if (!preset.scriptAttributes() && (name.startsWith("on") || name.equals("srcdoc") || scriptUrl(value))) {
                continue;
            }
            if (preset.safelist() != null && !preset.safelist().isSafeAttribute(tag, source, attribute)) {
                continue;
            }
            if (name.equals("class")) {
                value = withoutGatewayClasses(value);
                if (value.isEmpty()) {
                    continue;
                }
            }
            attributes.put(key, value);
        }
        if (html && tag.equals("script")) {
            attributes.put("nonce", Spliced.MARKER);
        }
    }

    private static String withoutGatewayClasses(String value) {
        if (!value.toLowerCase(Locale.ROOT).contains("mosaic-")) {
            return value;
        }
        StringBuilder kept = new StringBuilder();
        for (String name : value.trim().split("[\\t\\n\\f\\r ]+")) {
            if (!name.isEmpty() && !name.toLowerCase(Locale.ROOT).startsWith("mosaic-")) {
                kept.append(kept.isEmpty() ? "" : " ").append(name);
            }
        }
        return kept.toString();
    }

    /** Whether a URL would run script, as a browser reads it: ignoring case, whitespace and control characters. */
    static boolean scriptUrl(String value) {
        StringBuilder scheme = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '\u007f') {
                continue;
            }
            if (scheme == null) {
                // Most values start otherwise: no scheme to read.
                char first = Character.toLowerCase(c);
                if (first != 'j' && first != 'v') {
                    return false;
                }
                scheme = new StringBuilder(11);
            }
            if (c == ':') {
                String s = scheme.toString().toLowerCase(Locale.ROOT);
                return s.equals("javascript") || s.equals("vbscript");
            }
            if (scheme.length() == 10) {
                return false;
            }
            scheme.append(c);
        }
        return false;
    }
}
