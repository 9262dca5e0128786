package io.mosaic.gateway.html;

import java.util.HashSet;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Where an element may stand, by its namespace, so that a browser parsing the gateway's output
 * builds the same element in the same namespace: the namespace rule of DOMPurify's
 * {@code _checkValidNamespace} ({@code cure53/DOMPurify}, {@code src/purify.ts}), made stricter.
 * jsoup tracks namespaces, but where its parser and a browser's disagree (the mutation-XSS
 * families: {@code <mglyph>} and {@code <malignmark>} in MathML text, nested forms inside
 * {@code <mtext>}, {@code <style>} read as raw text by one parser and as markup by the other), the
 * disagreement always sits at a switch between HTML and SVG or MathML. So SVG and MathML are
 * allowed only where they cannot switch a browser back into HTML:
 * <ul>
 *   <li>an HTML element only under an HTML parent, and never with a name only SVG or MathML use;</li>
 *   <li>{@code <svg>} and {@code <math>} only under an HTML parent; below them only elements of
 *   their own namespace, from the lists below;</li>
 *   <li>no element at all inside an integration point, whose child start tags a browser reads as
 *   HTML: MathML's {@code mi mo mn ms mtext} (but for {@code mglyph}/{@code malignmark}, which is
 *   exactly the confusion) and SVG's {@code title desc}; {@code foreignObject} and
 *   {@code annotation-xml} are not in the lists at all;</li>
 *   <li>no {@code <style>} or {@code <script>} in SVG or MathML, no SVG {@code <font>} (its
 *   {@code color}, {@code face} or {@code size} attribute takes a browser out of SVG), no
 *   {@code <animate>}/{@code <set>} (they set {@code href} to a {@code javascript:} URL after
 *   any attribute check).</li>
 * </ul>
 * An element that breaks the rule is dropped with its content: unwrapping it would put its
 * children somewhere else than where the parser put them.
 */
final class ForeignContent {

    static final String HTML = Parser.NamespaceHtml;
    static final String SVG = Parser.NamespaceSvg;
    static final String MATHML = Parser.NamespaceMathml;

    /** DOMPurify's SVG elements and filters, lowercase, without font and the obsolete glyph elements; with use (sprites). */
    private static final Set<String> SVG_ELEMENTS = Set.of("svg", "a", "circle", "clippath", "defs", "desc", "ellipse", "filter",
            "g", "image", "line", "lineargradient", "marker", "mask", "metadata", "mpath", "path", "pattern", "polygon",
            "polyline", "radialgradient", "rect", "stop", "switch", "symbol", "text", "textpath", "title", "tspan", "use", "view",
            "animatemotion", "animatetransform",
            "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
            "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb", "fefuncg", "fefuncr",
            "fegaussianblur", "feimage", "femerge", "femergenode", "femorphology", "feoffset", "fepointlight",
            "fespecularlighting", "fespotlight", "fetile", "feturbulence");

    /** DOMPurify's MathML elements without mglyph; with semantics and annotation (text only), which TeX renderers write. */
    private static final Set<String> MATHML_ELEMENTS = Set.of("math", "menclose", "merror", "mfenced", "mfrac", "mi",
            "mlabeledtr", "mmultiscripts", "mn", "mo", "mover", "mpadded", "mphantom", "mroot", "mrow", "ms", "mspace", "msqrt",
            "mstyle", "msub", "msup", "msubsup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "mprescripts",
            "semantics", "annotation");

    /** Foreign elements under which a browser parses start tags as HTML again (in SVG: foreignObject too). */
    private static final Set<String> INTEGRATION_POINTS = Set.of("mi", "mo", "mn", "ms", "mtext", "annotation-xml", "title", "desc",
            "foreignobject");

    /** Names that only SVG or MathML give an element (DOMPurify's full lists, less what HTML shares): never HTML elements. */
    private static final Set<String> FOREIGN_ONLY_NAMES = foreignOnlyNames();

    private ForeignContent() {
    }

    /** Whether {@code element} may stand under {@code parent}, the copy it is about to be appended to. */
    static boolean allowed(Element element, Element parent) {
        String namespace = element.tag().namespace();
        String parentNamespace = parent.tag().namespace();
        String name = element.normalName();
        if (!parentNamespace.equals(HTML) && INTEGRATION_POINTS.contains(parent.normalName())) {
            return false;
        }
        if (namespace.equals(HTML)) {
            return parentNamespace.equals(HTML) && !FOREIGN_ONLY_NAMES.contains(name);
        }
        if (namespace.equals(SVG)) {
            return parentNamespace.equals(HTML) ? name.equals("svg") : parentNamespace.equals(SVG) && SVG_ELEMENTS.contains(name);
        }
        if (namespace.equals(MATHML)) {
            return parentNamespace.equals(HTML) ? name.equals("math") : parentNamespace.equals(MATHML) && MATHML_ELEMENTS.contains(name);
        }
        return false;
    }

    private static Set<String> foreignOnlyNames() {
        Set<String> names = new HashSet<>(SVG_ELEMENTS);
        names.addAll(MATHML_ELEMENTS);
        names.addAll(Set.of("font", "altglyph", "altglyphdef", "altglyphitem", "animatecolor", "glyph", "glyphref", "hkern", "tref",
                "vkern", "animate", "color-profile", "cursor", "discard", "font-face", "font-face-format", "font-face-name",
                "font-face-src", "font-face-uri", "foreignobject", "hatch", "hatchpath", "mesh", "meshgradient", "meshpatch",
                "meshrow", "missing-glyph", "set", "solidcolor", "unknown", "mglyph", "maction", "maligngroup", "malignmark",
                "mlongdiv", "mscarries", "mscarry", "msgroup", "mstack", "msline", "msrow", "annotation-xml", "none"));
        // Shared with HTML (DOMPurify's COMMON_SVG_AND_HTML_ELEMENTS); image, which HTML parsers turn into img.
        names.removeAll(Set.of("a", "title", "style", "script", "font", "image"));
        return Set.copyOf(names);
    }
}
