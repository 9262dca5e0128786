package io.mosaic.e2e.bench;

import java.util.Map;
import java.util.function.Function;

/**
 * The page that nginx SSI and Varnish ESI serve ({@code e2e/bench/page.html}): the skeleton of the
 * gateway's {@code dashboard} layout, with one box per fragment as the gateway writes it, each
 * filled by the composer's include directive.
 */
final class IncludePage {

    private IncludePage() {
    }

    /**
     * The page's HTML.
     *
     * @param directives what the composer needs once, before the boxes (nginx: the fallback's SSI block)
     * @param include the composer's directive that includes a fragment
     */
    static String html(Workspace workspace, PageSpec page, String directives, Function<FragmentSpec, String> include) {
        return Template.fill(workspace.template("page.html"), Map.of("TITLE", page.title(), "DIRECTIVES", directives,
                "WIDGETS", widgets(page, include)));
    }

    /** The boxes of the page's widgets slot, as the gateway writes them, each filled by an include. */
    static String widgets(PageSpec page, Function<FragmentSpec, String> include) {
        StringBuilder html = new StringBuilder();
        for (FragmentSpec fragment : page.fragments()) {
            html.append("<div class=\"mosaic-fragment\" data-fragment=\"").append(fragment.name()).append("\">")
                    .append(include.apply(fragment)).append("</div>");
        }
        return html.toString();
    }
}
