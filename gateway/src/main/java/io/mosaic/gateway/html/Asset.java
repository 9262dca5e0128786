package io.mosaic.gateway.html;

import org.jsoup.nodes.Entities;

/**
 * A stylesheet or script a fragment needs, with its URL already pointing at the gateway's proxy.
 * Two assets with the same kind and URL are the same asset: a page loads it once.
 *
 * @param kind stylesheet or script
 * @param url the URL the browser loads, normally {@code /fragments/NAME/...}
 * @param type a script's {@code type} (for example {@code module}); null when none
 * @param media a stylesheet's {@code media}; null when none
 * @param integrity the manifest's Subresource Integrity value ({@code sha384-...}); null when none
 */
public record Asset(Kind kind, String url, String type, String media, String integrity) {

    public enum Kind { CSS, JS }

    public Asset(Kind kind, String url, String type, String media) {
        this(kind, url, type, media, null);
    }

    public static Asset css(String url) {
        return new Asset(Kind.CSS, url, null, null);
    }

    public static Asset js(String url) {
        return new Asset(Kind.JS, url, null, null);
    }

    /** This asset, checked by the browser against {@code integrity} (null: not checked). */
    public Asset withIntegrity(String integrity) {
        return new Asset(kind, url, type, media, integrity);
    }

    /** The key under which a page deduplicates assets. */
    public String key() {
        return kind + " " + url;
    }

    /**
     * The tag for the page head. Scripts are deferred (modules are by nature): they run in order
     * once the document is parsed, so a fragment's script finds its markup whatever order the
     * fragments stream in. Scripts carry {@code nonce} (the response's, or
     * {@link io.mosaic.gateway.render.Spliced#MARKER} in markup rendered once). With an integrity
     * value the tag says {@code crossorigin="anonymous"}: the browser then checks the hash, and
     * sends no cookies, which the proxy drops anyway.
     */
    public String toHtml(String nonce) {
        String href = Entities.escape(url);
        String sri = integrity == null ? "" : " integrity=\"" + Entities.escape(integrity) + "\" crossorigin=\"anonymous\"";
        if (kind == Kind.CSS) {
            return "<link rel=\"stylesheet\" href=\"" + href + "\"" + (media != null ? " media=\"" + Entities.escape(media) + "\"" : "")
                    + sri + ">";
        }
        String typeAttr = type != null && !type.isEmpty() ? " type=\"" + Entities.escape(type) + "\"" : "";
        String defer = "module".equals(type) ? "" : " defer";
        return "<script src=\"" + href + "\"" + typeAttr + defer + sri + " nonce=\"" + nonce + "\"></script>";
    }
}
