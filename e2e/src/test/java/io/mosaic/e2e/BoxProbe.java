package io.mosaic.e2e;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * What the mXSS suite reads of a composed page: from Chromium's live DOM, every box with its
 * parent, every element carrying a {@code data-fragment*}, {@code http-equiv} or {@code on*}
 * attribute, every form control that belongs to a form in another box, and the attacker box's
 * subtree; from jsoup's parse of the page as sent, the same
 * subtree. Subtrees are written the same way on both sides, one line per node: namespace, lowercase
 * name and attributes in order (a nonce's value hidden, as Chromium hides it), then each run of
 * text; a template's content stands for its children.
 */
final class BoxProbe {

    /** The live DOM's findings: a map with the keys read by {@link MutationXssIT}. */
    private static final String SCRIPT = """
            attacker => {
              // Everything is read through the prototypes: a payload's <input name=attributes> clobbers form.attributes.
              const get = (proto, name) => { const g = Object.getOwnPropertyDescriptor(proto, name).get; return n => g.call(n); };
              const attributesOf = get(Element.prototype, 'attributes'), localNameOf = get(Element.prototype, 'localName'),
                  namespaceOf = get(Element.prototype, 'namespaceURI'), innerOf = get(Element.prototype, 'innerHTML'),
                  outerOf = e => get(Element.prototype, 'outerHTML')(e).slice(0, 200), nextOf = get(Element.prototype, 'nextElementSibling'),
                  childrenOf = get(Node.prototype, 'childNodes'), typeOf = get(Node.prototype, 'nodeType'),
                  valueOf = get(Node.prototype, 'nodeValue'), parentOf = get(Node.prototype, 'parentElement'),
                  contentOf = get(HTMLTemplateElement.prototype, 'content'), nameOf = get(Attr.prototype, 'name'),
                  attrValueOf = get(Attr.prototype, 'value');
              const attr = (e, name) => Element.prototype.getAttribute.call(e, name);
              const names = e => [...attributesOf(e)].map(a => nameOf(a).toLowerCase());
              const esc = s => s.replace(/\\\\/g, '\\\\\\\\').replace(/\\n/g, '\\\\n').replace(/\\r/g, '\\\\r');
              const ns = n => n === 'http://www.w3.org/2000/svg' ? 'svg ' : n === 'http://www.w3.org/1998/Math/MathML' ? 'math '
                  : n === 'http://www.w3.org/1999/xhtml' ? '' : '{' + n + '} ';
              const dump = (node, depth, out) => {
                let text = null;
                const flush = () => { if (text !== null) { out.push('  '.repeat(depth) + '"' + esc(text) + '"'); text = null; } };
                const template = typeOf(node) === 1 && node instanceof HTMLTemplateElement;
                for (const c of childrenOf(template ? contentOf(node) : node)) {
                  const type = typeOf(c);
                  if (type === 3 || type === 4) { text = (text ?? '') + valueOf(c); continue; }
                  flush();
                  if (type === 1) {
                    let line = '  '.repeat(depth) + ns(namespaceOf(c)) + localNameOf(c).toLowerCase();
                    for (const a of attributesOf(c)) {
                      const name = nameOf(a).toLowerCase();
                      line += ' ' + name + '="' + esc(name === 'nonce' ? '*' : attrValueOf(a)) + '"';
                    }
                    out.push(line);
                    dump(c, depth + 1, out);
                  } else {
                    out.push('  '.repeat(depth) + '#' + type + ' ' + esc(String(valueOf(c))));
                  }
                }
                flush();
                return out;
              };
              const all = [...Document.prototype.getElementsByTagName.call(document, '*')];
              const formOf = e => {
                for (let p = Object.getPrototypeOf(e); p; p = Object.getPrototypeOf(p)) {
                  const d = Object.getOwnPropertyDescriptor(p, 'form');
                  if (d && d.get) return d.get.call(e);
                }
                return null;
              };
              const boxOf = e => Element.prototype.closest.call(e, '[data-fragment]');
              const boxes = [], fragmentAttrs = [], httpEquiv = [], handlers = [], crossBoxForms = [];
              let bases = 0, markers = 0;
              for (const e of all) {
                const attrs = names(e);
                if (attrs.includes('data-fragment') || (attr(e, 'class') || '').split(/\\s+/).includes('mosaic-fragment')) {
                  boxes.push(e);
                } else if (attrs.some(n => n.startsWith('data-fragment'))) {
                  fragmentAttrs.push(outerOf(e));
                }
                if (attrs.includes('data-fragment-pending') || attrs.includes('data-fragment-late')) markers++;
                if (attrs.includes('http-equiv')) httpEquiv.push(outerOf(e));
                if (attrs.some(n => n.startsWith('on'))) handlers.push(outerOf(e));
                if (localNameOf(e) === 'base') bases++;
                const form = formOf(e);
                if (form && boxOf(form) !== boxOf(e)) crossBoxForms.push(outerOf(e));
              }
              const describe = e => localNameOf(e) + (attr(e, 'class') ? '.' + attr(e, 'class') : '');
              const named = n => boxes.find(b => attr(b, 'data-fragment') === n) || null;
              const victim = named('victim'), late = named('late'), box = named(attacker);
              return {
                boxes: boxes.map(b => ({ name: attr(b, 'data-fragment'), cls: attr(b, 'class'),
                    parent: parentOf(b) ? describe(parentOf(b)) : null, attrs: names(b) })),
                fragmentAttrs, httpEquiv, handlers, bases, crossBoxForms,
                victim: victim ? innerOf(victim) : null,
                late: late ? innerOf(late) : null,
                lateFollowsVictim: !!victim && !!late && nextOf(victim) === late,
                markers,
                attacker: box ? dump(box, 0, []).join('\\n') : null,
                attackerScripts: box ? Element.prototype.getElementsByTagName.call(box, 'script').length : 0,
                href: location.href
              };
            }""";

    private BoxProbe() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> live(Page page, String attacker) {
        return (Map<String, Object>) page.evaluate(SCRIPT, attacker);
    }

    /** {@code box}'s subtree as jsoup parsed it, written as the live DOM's is. */
    static String dump(Element box) {
        StringBuilder out = new StringBuilder();
        dump(box, 0, out);
        return out.isEmpty() ? "" : out.substring(0, out.length() - 1);
    }

    private static void dump(Element parent, int depth, StringBuilder out) {
        StringBuilder text = null;
        List<Node> kids = parent.childNodes();
        for (Node c : kids) {
            if (c instanceof TextNode t) {
                text = (text == null ? new StringBuilder() : text).append(t.getWholeText());
                continue;
            }
            if (c instanceof DataNode d) {
                text = (text == null ? new StringBuilder() : text).append(d.getWholeData());
                continue;
            }
            if (text != null) {
                out.append("  ".repeat(depth)).append('"').append(esc(text.toString())).append("\"\n");
                text = null;
            }
            if (c instanceof Element e) {
                out.append("  ".repeat(depth)).append(ns(e.tag().namespace())).append(e.tagName().toLowerCase(Locale.ROOT));
                for (Attribute a : e.attributes()) {
                    String name = a.getKey().toLowerCase(Locale.ROOT);
                    out.append(' ').append(name).append("=\"").append(esc(name.equals("nonce") ? "*" : a.getValue())).append('"');
                }
                out.append('\n');
                dump(e, depth + 1, out);
            } else {
                out.append("  ".repeat(depth)).append('#').append(c.nodeName()).append(' ').append(esc(c.outerHtml())).append('\n');
            }
        }
        if (text != null) {
            out.append("  ".repeat(depth)).append('"').append(esc(text.toString())).append("\"\n");
        }
    }

    private static String ns(String namespace) {
        return switch (namespace) {
            case "http://www.w3.org/2000/svg" -> "svg ";
            case "http://www.w3.org/1998/Math/MathML" -> "math ";
            case "http://www.w3.org/1999/xhtml" -> "";
            default -> "{" + namespace + "} ";
        };
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
