package io.mosaic.gateway.html;

import java.util.List;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * Trees as the tests compare them: one line per node, indented by depth, with each element's
 * namespace, name and attributes and each run of text (adjacent text nodes as one, as a parser
 * builds them). Written apart from the gateway's own {@code ParseCheck}, so that a test does not
 * check the check with itself, and readable in an assertion's diff.
 */
final class Trees {

    private Trees() {
    }

    /** {@code markup} parsed as a browser parses a box's content: in a {@code <div>} of a standards-mode body. */
    static List<Node> parseInBox(String markup) {
        Document shell = Document.createShell("");
        shell.quirksMode(Document.QuirksMode.noQuirks);
        return Parser.parseFragment(markup, shell.body().appendElement("div"), "");
    }

    static String dump(List<Node> nodes) {
        StringBuilder out = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (Node node : nodes) {
            dump(node, 0, out, text);
        }
        flush(out, text, 0);
        return out.toString();
    }

    private static void dump(Node node, int depth, StringBuilder out, StringBuilder text) {
        if (node instanceof TextNode t) {
            text.append(t.getWholeText());
            return;
        }
        if (node instanceof DataNode d) {
            text.append(d.getWholeData());
            return;
        }
        flush(out, text, depth);
        out.append("  ".repeat(depth));
        if (node instanceof Element e) {
            String ns = e.tag().namespace();
            out.append(ns.endsWith("svg") ? "svg " : ns.endsWith("MathML") ? "math " : "").append(e.normalName());
            for (Attribute a : e.attributes()) {
                out.append(' ').append(a.getKey()).append("=\"").append(a.getValue()).append('"');
            }
            out.append('\n');
            for (Node child : e.childNodes()) {
                dump(child, depth + 1, out, text);
            }
            flush(out, text, depth + 1);
        } else {
            out.append('#').append(node.nodeName()).append(' ').append(node.outerHtml()).append('\n');
        }
    }

    private static void flush(StringBuilder out, StringBuilder text, int depth) {
        if (!text.isEmpty()) {
            out.append("  ".repeat(depth)).append('"').append(text.toString().replace("\n", "\\n")).append("\"\n");
            text.setLength(0);
        }
    }
}
