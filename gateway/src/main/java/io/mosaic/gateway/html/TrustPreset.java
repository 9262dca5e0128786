package io.mosaic.gateway.html;

import io.mosaic.manifest.Trust;
import java.util.regex.Pattern;
import org.jsoup.safety.Safelist;

/**
 * What a fragment of one {@link Trust} level may keep, as data: one preset per level, the way
 * jsoup's {@link Safelist#relaxed()} is one. {@link FragmentCopy} asks the preset while it copies a
 * parsed answer into a new document; the rules that keep every fragment in its box, whatever its
 * level, are {@link BoxGuard}'s and {@link ForeignContent}'s and are not in a preset.
 *
 * @param trust the level this preset is for
 * @param safelist elements and attributes allowed, with URL protocols; null: every HTML element and
 *                 attribute that the box rules leave (a disallowed element is unwrapped: its content stays)
 * @param inlineScripts inline {@code <script>} elements stay, marked for the response's CSP nonce
 * @param scriptAttributes {@code on*} attributes, {@code javascript:}/{@code vbscript:} URLs and
 *                         {@code srcdoc} stay (the page's CSP still never runs the first two)
 * @param scriptAssets {@code <script src>} the manifest does not declare is loaded with the page
 * @param stylesheetAssets {@code <link rel=stylesheet>} the manifest does not declare is loaded with the page
 * @param localFormsOnly a form posting to another origin loses its {@code <form>} (its fields stay, posting nowhere)
 */
record TrustPreset(Trust trust, Safelist safelist, boolean inlineScripts, boolean scriptAttributes, boolean scriptAssets,
                   boolean stylesheetAssets, boolean localFormsOnly) {

    /** Scripts run as the team wrote them, under the page's CSP. */
    static final TrustPreset TRUSTED = new TrustPreset(Trust.TRUSTED, null, true, true, true, true, false);

    /** The default: the team's markup and styles, without anything that runs. */
    static final TrustPreset STANDARD = new TrustPreset(Trust.STANDARD, null, false, false, false, true, false);

    /**
     * Text, structure, tables, images, links and simple forms: jsoup's {@code Safelist.relaxed()}
     * plus page sections, ARIA and form controls. No scripts, styles, event handlers, iframes,
     * objects, SVG or MathML, and no {@code id}/{@code name} on anything but form controls; URLs
     * only http(s), mailto or relative.
     */
    static final TrustPreset UNTRUSTED = new TrustPreset(Trust.UNTRUSTED, Safelist.relaxed()
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
            .preserveRelativeLinks(true), false, false, false, false, true);

    /**
     * The base URI the safelist resolves relative URLs against, so that it judges them by their
     * scheme only (they are already pointed at the gateway's proxy, or left as the team wrote them).
     */
    static final String SAFELIST_BASE = "https://gateway.invalid/";

    /** A scheme, or a scheme-relative start (browsers read a backslash as a slash). */
    private static final Pattern OFF_ORIGIN = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:|[/\\\\]{2}");

    static TrustPreset of(Trust trust) {
        return switch (trust) {
            case TRUSTED -> TRUSTED;
            case STANDARD -> STANDARD;
            case UNTRUSTED -> UNTRUSTED;
        };
    }

    /** Whether a form with this {@code action} must lose its {@code <form>} under this preset. */
    boolean refusesFormAction(String action) {
        return localFormsOnly && OFF_ORIGIN.matcher(action.trim()).lookingAt();
    }
}
