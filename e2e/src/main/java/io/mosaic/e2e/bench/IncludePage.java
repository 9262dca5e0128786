package io.mosaic.e2e.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * The page that nginx SSI and Varnish ESI serve: the gateway's own {@code dashboard} layout
 * ({@value #LAYOUTS}{@code layouts/dashboard.html}, with the {@code parts/base.html} it includes),
 * rendered by Thymeleaf with Spring's expression language as the gateway renders it, with one box
 * per fragment as the gateway writes it, each filled by the composer's include directive. So the
 * three composers serve the same page, and a change to the layout reaches all three.
 */
final class IncludePage {

    /** The gateway's templates, from the repository's root. */
    static final String LAYOUTS = "gateway/src/main/resources/templates/";

    private IncludePage() {
    }

    /** The title and path a layout may show, as the gateway gives them ({@code ${page.title}}). */
    record PageInfo(String title, String path) {
    }

    /**
     * The page's HTML.
     *
     * @param directives what the composer needs once, before the boxes (nginx: the fallback's SSI
     *     block); written where the gateway writes a page's assets, at the end of {@code <head>}
     * @param include the composer's directive that includes a fragment
     */
    static String html(Workspace workspace, PageSpec page, String directives, Function<FragmentSpec, String> include) {
        return html(workspace.root(), page, directives, include);
    }

    static String html(Path root, PageSpec page, String directives, Function<FragmentSpec, String> include) {
        Map<String, String> slots = new LinkedHashMap<>();
        slots.put("header", "");
        slots.put("widgets", widgets(page, include));
        Context context = new Context();
        context.setVariable("page", new PageInfo(page.title(), page.path()));
        context.setVariable("slots", slots);
        context.setVariable("head", directives);
        context.setVariable("end", "");
        return engine(root.resolve(LAYOUTS)).process("layouts/dashboard", context);
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

    private static SpringTemplateEngine engine(Path templates) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(templates.toAbsolutePath() + "/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
