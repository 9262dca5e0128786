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
 */
public record Asset(Kind kind, String url, String type, String media) {

    public enum Kind { CSS, JS }

    public static Asset css(String url) {
        return new Asset(Kind.CSS, url, null, null);
    }

    public static Asset js(String url) {
        return new Asset(Kind.JS, url, null, null);
    }

    /** The key under which a page deduplicates assets. */
    public String key() {
        return kind + " " + url;
    }

    /**
     * The tag for the page head. Scripts are deferred (modules are by nature): they run in order
     * once the document is parsed, so a fragment's script finds its markup whatever order the
     * fragments stream in.
     */
    public String toHtml() {
        String href = Entities.escape(url);
        if (kind == Kind.CSS) {
            return "<link rel=\"stylesheet\" href=\"" + href + "\"" + (media != null ? " media=\"" + Entities.escape(media) + "\"" : "") + ">";
        }
        if (type != null && !type.isEmpty()) {
            String typeAttr = " type=\"" + Entities.escape(type) + "\"";
            return "<script src=\"" + href + "\"" + typeAttr + (type.equals("module") ? "" : " defer") + "></script>";
        }
        return "<script src=\"" + href + "\" defer></script>";
    }
}
