package io.mosaic.gateway.html;

import io.mosaic.gateway.render.Spliced;
import io.mosaic.manifest.Trust;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Keeps a fragment in its box and its scripts under the page's policy. Applied to a parsed
 * fragment before it is serialised, so the markup the page gets is what jsoup's tree says:
 * <ul>
 *   <li>no comments, and no element whose text a browser reads raw ({@code <noscript>},
 *   {@code <iframe>}, {@code <style>}, {@code <textarea>}...) if that text holds its own end tag:
 *   jsoup reads {@code <noscript>} as markup, a browser with scripts as text, so
 *   {@code <noscript><!-- </noscript><div data-fragment=x> -->} would otherwise open a box of the
 *   fragment's choosing. The obsolete raw-text elements go whole ({@code <plaintext>} never ends;
 *   {@code <xmp>}, {@code <noembed>}, {@code <noframes>} have no use but parser differentials);</li>
 *   <li>no {@code data-fragment*} attributes, no {@code mosaic-} classes and no {@code nonce}
 *   attributes: only the gateway writes those;</li>
 *   <li>unless {@link Trust#TRUSTED}: no inline scripts, no {@code on*} attributes and no
 *   {@code javascript:} or {@code vbscript:} URLs. A trusted fragment's inline scripts get the
 *   response's nonce so that they run under the page's CSP (its {@code on*} attributes and
 *   {@code javascript:} URLs stay, but the CSP never runs them).</li>
 * </ul>
 */
final class BoxGuard {

    /** Elements whose content a browser (with scripting on) reads as text up to their end tag. */
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
            "textarea", "title");

    /** Obsolete elements a browser reads as raw text: nothing legitimate needs them. */
    private static final Set<String> OBSOLETE = Set.of("plaintext", "xmp", "noembed", "noframes");

    private BoxGuard() {
    }

    /** Guards {@code roots} and everything under them, in place. */
    static void apply(List<? extends Node> roots, Trust trust) {
        for (Node root : roots) {
            List<Node> comments = new ArrayList<>();
            root.forEachNode(node -> {
                if (node instanceof Comment) {
                    comments.add(node);
                }
            });
            comments.forEach(Node::remove);
            if (!(root instanceof Element rootElement)) {
                continue;
            }
            for (Element element : new ArrayList<>(rootElement.getAllElements())) {
                guard(element, trust);
            }
        }
    }

    private static void guard(Element element, Trust trust) {
        String tag = element.normalName();
        if (OBSOLETE.contains(tag)) {
            element.remove();
            return;
        }
        if (tag.equals("script")) {
            if (trust != Trust.TRUSTED) {
                element.remove();
                return;
            }
            element.attr("nonce", Spliced.MARKER);
        } else {
            element.removeAttr("nonce");
        }
        List<String> remove = new ArrayList<>();
        for (Attribute attribute : element.attributes()) {
            String name = attribute.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("data-fragment")
                    || (trust != Trust.TRUSTED && (name.startsWith("on") || scriptUrl(attribute.getValue())))) {
                remove.add(attribute.getKey());
            }
        }
        remove.forEach(element::removeAttr);
        if (element.hasAttr("class")) {
            List<String> kept = new ArrayList<>();
            for (String name : element.classNames()) {
                if (!name.toLowerCase(Locale.ROOT).startsWith("mosaic-")) {
                    kept.add(name);
                }
            }
            if (kept.isEmpty()) {
                element.removeAttr("class");
            } else {
                element.attr("class", String.join(" ", kept));
            }
        }
        if (RAW_TEXT.contains(tag) && element.html().toLowerCase(Locale.ROOT).contains("</" + tag)) {
            element.remove();
        }
    }

    /** Whether a URL would run script, as a browser reads it: ignoring case, whitespace and control characters. */
    static boolean scriptUrl(String value) {
        StringBuilder scheme = new StringBuilder();
        for (int i = 0; i < value.length() && scheme.length() < 11; i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '\u007f') {
                continue;
            }
            if (c == ':') {
                String s = scheme.toString().toLowerCase(Locale.ROOT);
                return s.equals("javascript") || s.equals("vbscript");
            }
            scheme.append(c);
        }
        return false;
    }
}
