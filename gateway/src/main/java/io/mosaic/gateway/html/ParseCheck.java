package io.mosaic.gateway.html;

import java.util.Iterator;
import java.util.List;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * The safety net under {@link FragmentCopy}'s rules: the markup the gateway is about to emit is
 * parsed again, as a browser will parse it (inside a {@code <div>} of a standards-mode page's
 * body), and must give exactly the tree that was checked: the same elements in the same
 * namespaces, with the same attributes in the same order, the same text and raw data, in the same
 * places. A difference means a parser differential the rules do not know yet; whatever it is, the
 * markup is not emitted.
 *
 * <p>The two trees are walked side by side, node for node: the copy never holds two text nodes
 * in a row or an empty one ({@link FragmentCopy} merges and skips them), and adjacent text nodes
 * of the parse are read as one run. The walk is as deep as the copy, which
 * {@link FragmentCopy#MAX_DEPTH} bounds.
 */
final class ParseCheck {

    private ParseCheck() {
    }

    /** Whether {@code html}, parsed as a box's content, gives exactly the children of {@code checked}. */
    static boolean reparsesTo(String html, Element checked) {
        Document shell = Document.createShell("");
        shell.quirksMode(Document.QuirksMode.noQuirks);
        Element box = shell.body().appendElement("div");
        List<Node> parsed = Parser.parseFragment(html, box, "");
        return same(checked, parsed, parsed.size());
    }

    /**
     * Whether {@code checked}'s children are the first {@code count} nodes of {@code parsed}, or
     * of {@code parsed}'s children when it is a node (read by index: jsoup's childNodes() copies).
     */
    private static boolean same(Element checked, Object parsed, int count) {
        int next = 0;
        for (int i = 0; i < checked.childNodeSize(); i++) {
            Node node = checked.childNode(i);
            if (next == count) {
                return false;
            }
            Node other = nth(parsed, next++);
            if (plainText(node) && plainText(other)) {
                // One run of text, which a parser may have built as several nodes.
                String text = ((TextNode) other).getWholeText();
                while (next < count && plainText(nth(parsed, next))) {
                    text += ((TextNode) nth(parsed, next++)).getWholeText();
                }
                if (!((TextNode) node).getWholeText().equals(text)) {
                    return false;
                }
            } else if (!same(node, other)) {
                return false;
            }
        }
        return next == count;
    }

    @SuppressWarnings("unchecked")
    private static Node nth(Object nodes, int index) {
        return nodes instanceof Node parent ? parent.childNode(index) : ((List<Node>) nodes).get(index);
    }

    private static boolean plainText(Node node) {
        return node.getClass() == TextNode.class;
    }

    private static boolean same(Node checked, Node parsed) {
        if (checked instanceof Element element && parsed instanceof Element other) {
            // (A parsed form is jsoup's FormElement, its copy a plain Element: the same element to a browser.)
            return element.tag().namespace().equals(other.tag().namespace()) && element.normalName().equals(other.normalName())
                    && sameAttributes(element, other) && same(element, other, other.childNodeSize());
        }
        if (checked instanceof DataNode data && parsed instanceof DataNode other) {
            return data.getWholeData().equals(other.getWholeData());
        }
        // Text of another kind than the other's, CDATA, comments, doctypes: the copy has none of the last three.
        return false;
    }

    private static boolean sameAttributes(Element checked, Element parsed) {
        Iterator<Attribute> others = parsed.attributes().iterator();
        for (Attribute attribute : checked.attributes()) {
            if (!others.hasNext()) {
                return false;
            }
            Attribute other = others.next();
            if (!attribute.getKey().equals(other.getKey()) || !attribute.getValue().equals(other.getValue())) {
                return false;
            }
        }
        return !others.hasNext();
    }
}
