package io.mosaic.gateway.render;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's markup around fragments. Fragment names are slugs ({@code [a-z][a-z0-9-]*}), so
 * they go into attributes and script text as they are. A fragment's own markup can never carry
 * {@code data-fragment*} attributes or {@code mosaic-} classes (the parser strips them), so what
 * these write cannot be forged from inside a box.
 */
public final class Boxes {

    private Boxes() {
    }

    /**
     * The opening tag of a fragment's box; {@code state} is the outcome's state as the markup writes
     * it (ok, stale, fallback, error); {@code cache} (hit, miss, revalidated, stale) is left out when null.
     */
    public static String open(String name, String state, String cache) {
        return "<div class=\"mosaic-fragment\" data-fragment=\"" + name + "\" data-fragment-state=\"" + state
                + cacheAttribute(cache) + "\">";
    }

    private static String cacheAttribute(String cache) {
        return cache == null ? "" : "\" data-fragment-cache=\"" + cache;
    }

    public static final byte[] CLOSE = "</div>".getBytes(StandardCharsets.UTF_8);

    /** An empty box in the {@code pending} state, that a non-blocking fragment's content will replace. */
    public static byte[] placeholder(String name, String pending) {
        return ("<div class=\"mosaic-fragment\" data-fragment=\"" + name + "\" data-fragment-state=\"" + pending
                + "\" data-fragment-pending=\"" + name + "\"></div>").getBytes(StandardCharsets.UTF_8);
    }

    /** The opening tag of a non-blocking fragment's box, written at the end of the body. */
    public static String openLate(String name, String state, String cache) {
        return "<div class=\"mosaic-fragment\" data-fragment=\"" + name + "\" data-fragment-state=\"" + state
                + cacheAttribute(cache) + "\" data-fragment-late=\"" + name + "\">";
    }

    /**
     * What follows a late box: a script, with the response's nonce, that moves the box into its
     * placeholder and removes itself. It looks up nothing a fragment can define: not an id, not a
     * name, not {@code window.x}, not {@code document.currentScript} or {@code document.querySelector}
     * (a fragment's {@code <img name=querySelector>} would replace those, since {@code document}'s
     * named elements override its own properties). It finds both boxes by {@code data-fragment-*}
     * attributes, which only the gateway writes, through {@code Document.prototype}, which markup
     * cannot shadow; the two boxes are plain {@code div}s, whose methods markup cannot replace.
     */
    public static Spliced moverMarkup(String name) {
        // Names come from the manifest, so this stays as small as the set of fragments.
        return MOVERS.computeIfAbsent(name, n -> Spliced.of(mover(n)));
    }

    private static final Map<String, Spliced> MOVERS = new ConcurrentHashMap<>();

    /** The mover's markup, with {@link Spliced#MARKER} for the nonce. */
    static String mover(String name) {
        return "<script nonce=\"" + Spliced.MARKER + "\">(function(d){var q=Document.prototype.querySelector,"
                + "b=q.call(d,'[data-fragment-late=\"" + name + "\"]'),p=q.call(d,'[data-fragment-pending=\"" + name + "\"]');"
                + "if(b&&p){var s=b.nextElementSibling;b.removeAttribute('data-fragment-late');p.replaceWith(b);"
                + "if(s&&s.localName==='script')s.remove()}})(document)</script>";
    }
}
