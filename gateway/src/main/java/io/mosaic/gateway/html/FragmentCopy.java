package io.mosaic.gateway.html;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Copies a parsed answer into a new document through a {@link TrustPreset}, the way jsoup's
 * {@code Cleaner} copies through a {@code Safelist}: what is not copied is never serialised, so
 * nothing the checks miss can ride along on a node they left in place. Every element is judged
 * against the copy it is about to be appended to, not its parent in the answer, because an
 * unwrapped element moves its content up: first by its namespace ({@link ForeignContent}), then
 * by the box rules and the preset ({@link BoxGuard}).
 *
 * <p>Text is copied as text, and CDATA sections as text too (a browser that read the section's
 * element as HTML would end a bogus comment at its first {@code >}). The raw data of a
 * {@code <script>} or {@code <style>} is copied only into the copy of its own element. Comments,
 * processing instructions and doctypes are never copied.
 */
final class FragmentCopy implements NodeFilter {

    /**
     * How deep the copy nests elements; deeper ones are dropped with their content. Browsers stop
     * nesting at 512 open elements (Chromium does, and so does jsoup) and put deeper elements
     * beside the last one; a box sits a few elements deep in its page, so a fragment nested
     * nearly 512 deep would be parsed flatter in the page than it was checked.
     */
    static final int MAX_DEPTH = 256;

    private final TrustPreset preset;
    private final UrlRewriter urls;
    private final Consumer<Element> assets;
    /** The answer's elements whose copies are the open elements of the copy, innermost first. */
    private final Deque<Element> copied = new ArrayDeque<>();
    private Element destination;

    private FragmentCopy(Element destination, TrustPreset preset, UrlRewriter urls, Consumer<Element> assets) {
        this.destination = destination;
        this.preset = preset;
        this.urls = urls;
        this.assets = assets;
    }

    /**
     * Copies {@code roots} (and what is under them) into {@code destination}, giving every
     * stylesheet and script met on the way to {@code assets} before dropping it.
     */
    static void copy(Iterable<? extends Node> roots, Element destination, TrustPreset preset, UrlRewriter urls, Consumer<Element> assets) {
        FragmentCopy copy = new FragmentCopy(destination, preset, urls, assets);
        for (Node root : roots) {
            copy.traverse(root);
        }
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node instanceof Element element) {
            return element(element);
        }
        if (node instanceof TextNode text) {
            // CDataNode is a TextNode: its text, not its markup.
            appendText(text.getWholeText());
        } else if (node instanceof DataNode data && node.parentNode() == copied.peek() && rawTextElement(destination)) {
            destination.appendChild(new DataNode(data.getWholeData()));
        }
        return FilterResult.SKIP_ENTIRELY;
    }

    /** Text as a parser builds it: never empty, never beside another text node (what is left out between two leaves them adjacent). */
    private void appendText(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (destination.childNodeSize() > 0 && destination.childNode(destination.childNodeSize() - 1) instanceof TextNode last) {
            last.text(last.getWholeText() + text);
        } else {
            destination.appendChild(new TextNode(text));
        }
    }

    private FilterResult element(Element element) {
        if (copied.size() >= MAX_DEPTH || !ForeignContent.allowed(element, destination)) {
            return FilterResult.SKIP_ENTIRELY;
        }
        BoxGuard.Verdict verdict = BoxGuard.Verdict.KEEP;
        if (element.tag().namespace().equals(ForeignContent.HTML)) {
            if (BoxGuard.asset(element)) {
                assets.accept(element);
            }
            verdict = BoxGuard.verdict(element, destination, preset);
        }
        switch (verdict) {
            case DROP:
                return FilterResult.SKIP_ENTIRELY;
            case UNWRAP:
                return FilterResult.CONTINUE;
            case KEEP_EMPTY:
                destination.appendChild(shallowCopy(element));
                return FilterResult.SKIP_ENTIRELY;
            default:
                Element copy = shallowCopy(element);
                destination.appendChild(copy);
                destination = copy;
                copied.push(element);
                return FilterResult.CONTINUE;
        }
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (node == copied.peek()) {
            copied.pop();
            destination = destination.parent();
        }
        return FilterResult.CONTINUE;
    }

    /** Where jsoup serialises data unescaped and a browser reads it as text: the only place data may go. */
    private static boolean rawTextElement(Element element) {
        return (element.normalName().equals("script") || element.normalName().equals("style"))
                && element.tag().namespace().equals(ForeignContent.HTML);
    }

    private Element shallowCopy(Element element) {
        Element copy = new Element(element.tag(), "");
        BoxGuard.copyAttributes(element, copy, preset, urls);
        return copy;
    }
}
