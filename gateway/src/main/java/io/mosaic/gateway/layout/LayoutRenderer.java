package io.mosaic.gateway.layout;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a page's Thymeleaf layout once, with markers where content goes, and cuts the result
 * into {@link Segment}s. Layouts see these variables:
 * <ul>
 *   <li>{@code page.title}, {@code page.path}: the page's title and path;</li>
 *   <li>{@code head}: to be written with {@code th:utext} at the end of {@code <head>} (assets);</li>
 *   <li>{@code slots.NAME}: to be written with {@code th:utext} where slot NAME goes;</li>
 *   <li>{@code end}: to be written with {@code th:utext} just before {@code </body>}.</li>
 * </ul>
 */
public final class LayoutRenderer {

    /** A marker the layout cannot produce by accident: the nonce is new for every renderer. */
    private final String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final Pattern marker = Pattern.compile("<!--mosaic:" + nonce + ":(head|end|fragment:([a-z0-9-]+))-->");
    private final ITemplateEngine templates;

    public LayoutRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** What the layout is filled with. */
    public record PageModel(String title, String path, List<String> layoutSlots, Map<String, List<String>> fragmentsBySlot) {
    }

    /** The title and path a layout may show. */
    public record PageInfo(String title, String path) {
    }

    /** Renders {@code template} and cuts it at the markers. */
    public List<Segment> render(String template, PageModel model) {
        Map<String, String> slots = new LinkedHashMap<>();
        model.layoutSlots().forEach(slot -> slots.put(slot, ""));
        model.fragmentsBySlot().forEach((slot, names) -> {
            StringBuilder markup = new StringBuilder();
            names.forEach(name -> markup.append("<!--mosaic:").append(nonce).append(":fragment:").append(name).append("-->"));
            slots.put(slot, markup.toString());
        });
        Context context = new Context();
        context.setVariable("page", new PageInfo(model.title(), model.path()));
        context.setVariable("slots", slots);
        context.setVariable("head", "<!--mosaic:" + nonce + ":head-->");
        context.setVariable("end", "<!--mosaic:" + nonce + ":end-->");
        String html = templates.process(template, context);
        return split(html);
    }

    private List<Segment> split(String html) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Matcher m = marker.matcher(html);
        int last = 0;
        boolean sawHead = false;
        boolean sawEnd = false;
        while (m.find()) {
            text.append(html, last, m.start());
            last = m.end();
            if (m.group(1).equals("head")) {
                flush(text, segments);
                segments.add(new Segment.Head());
                sawHead = true;
            } else if (m.group(1).equals("end")) {
                flush(text, segments);
                segments.add(new Segment.Deferred());
                sawEnd = true;
            } else {
                flush(text, segments);
                segments.add(new Segment.Fragment(m.group(2)));
            }
        }
        text.append(html, last, html.length());
        flush(text, segments);
        if (!sawHead || !sawEnd) {
            throw new IllegalStateException("layout must write ${head} in <head> and ${end} before </body> with th:utext");
        }
        return List.copyOf(segments);
    }

    private static void flush(StringBuilder text, List<Segment> segments) {
        if (!text.isEmpty()) {
            segments.add(new Segment.Text(text.toString()));
            text.setLength(0);
        }
    }
}
