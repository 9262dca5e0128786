package io.mosaic.gateway.html;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * What an {@link io.mosaic.manifest.Trust#UNTRUSTED} fragment may show: text, structure, tables,
 * images, links and simple forms, as jsoup's {@code Safelist.relaxed()} plus page sections, ARIA
 * and form controls. No scripts, styles, event handlers, iframes, objects or {@code id}/{@code name}
 * on anything but form controls; URLs only http(s), mailto or relative. Cleaning copies what is
 * allowed into a new document, the way jsoup's {@link Cleaner} does, instead of deleting what is not.
 */
final class UntrustedSafelist {

    /** Lets the safelist judge relative URLs (already pointed at the proxy) by their scheme. */
    private static final String BASE = "https://gateway.invalid/";

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("section", "article", "header", "footer", "nav", "main", "aside", "figure", "figcaption", "time", "mark",
                    "abbr", "details", "summary", "hr", "form", "input", "label", "button", "select", "option", "textarea",
                    "fieldset", "legend")
            .addAttributes(":all", "class", "title", "lang", "dir", "role", "aria-label", "aria-labelledby", "aria-describedby",
                    "aria-hidden", "aria-expanded", "aria-current")
            .addAttributes("time", "datetime")
            .addAttributes("form", "action", "method")
            .addAttributes("input", "type", "name", "value", "placeholder", "checked", "disabled", "min", "max", "step")
            .addAttributes("button", "type", "name", "value", "disabled")
            .addAttributes("select", "name", "multiple", "disabled")
            .addAttributes("option", "value", "selected")
            .addAttributes("textarea", "name", "rows", "cols", "placeholder")
            .addProtocols("form", "action", "http", "https")
            .removeProtocols("a", "href", "ftp")
            .preserveRelativeLinks(true);

    /** A scheme, or a scheme-relative start (browsers read a backslash as a slash). */
    private static final java.util.regex.Pattern OFF_ORIGIN = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:|[/\\\\]{2}");

    private UntrustedSafelist() {
    }

    /**
     * The allowed part of {@code dirty}'s body, in a new document. A form posting anywhere but the
     * gateway's own origin (an absolute or scheme-relative action) loses its form element and keeps
     * its fields, which then post nowhere.
     */
    static Document clean(Document dirty) {
        dirty.setBaseUri(BASE);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        for (Element form : clean.select("form[action]")) {
            String action = form.attr("action").trim();
            if (OFF_ORIGIN.matcher(action).lookingAt()) {
                form.unwrap();
            }
        }
        return clean;
    }
}
