package io.mosaic.e2e.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The benchmark fragments: distinct, realistic widget HTML of an exact size (tables, lists, a form,
 * links and an image, as a team's small app would answer), ending with the marker
 * {@code <p id="fN-end">} by which a composed page shows that fragment N arrived whole. Fragment N
 * is one of five kinds of widget, {@code (N - 1) % 5 + 1}, with as many rows as fill its size.
 */
final class FragmentHtml {

    /** The size of a usual fragment answer, in bytes. */
    static final int SIZE = 4096;
    /** The size of a large fragment answer (the {@code fast-100k} page), in bytes. */
    static final int LARGE_SIZE = 100 * 1024;
    /** The kinds of widget, and the fragments of a usual page. */
    static final int COUNT = 5;
    /** The fragments of the {@code fast-20} page. */
    static final int MANY = 20;

    private static final List<String> NAMES = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra",
            "Barbara Liskov", "Donald Knuth", "Margaret Hamilton", "Ken Thompson", "Frances Allen", "John Backus",
            "Radia Perlman", "Leslie Lamport", "Tony Hoare", "Niklaus Wirth", "Adele Goldberg", "Butler Lampson");

    private FragmentHtml() {
    }

    /** The end marker of fragment {@code n} (1-based), as it appears in a page. */
    static String marker(int n) {
        return "<p id=\"f" + n + "-end\">";
    }

    /** What a personalised fragment shows for the value {@code value} of the page's query: one line, the same in every kind of widget. */
    static String viewer(String value) {
        return "<p class=\"widget-viewer\">Shown for " + value + "</p>";
    }

    /**
     * Fragment {@code n} of about {@link #SIZE} bytes as an SSI file for the origins' nginx: the
     * value of query parameter {@code parameter} is written into it ({@link #viewer}) on every
     * request, before the end marker, so that no two requests with different values get the same
     * body. The {@code echo} is HTML-escaped ({@code encoding="entity"}, nginx's default).
     */
    static String personalised(int n, String parameter) {
        if (!parameter.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("'" + parameter + "' is not a name nginx has an $arg_ variable for");
        }
        String html = fragment(n);
        String marker = marker(n);
        int at = html.indexOf(marker);
        return html.substring(0, at) + viewer("<!--# echo var=\"arg_" + parameter + "\" encoding=\"entity\" default=\"nobody\" -->")
                + "\n" + html.substring(at);
    }

    /**
     * The stylesheet of fragment {@code n}'s widget, of about {@code size} bytes: the kind of file a
     * fragment's proxy serves ({@code /fragments/NAME/assets/...}).
     */
    static String stylesheet(int n, int size) {
        StringBuilder css = new StringBuilder("/* Widget f" + n + " */\n");
        for (int i = 0; css.length() < size - 120; i++) {
            css.append(".widget-f").append(n).append(" .row-").append(i).append(" { display: grid; grid-template-columns: 2fr 3fr 1fr;"
                    + " gap: .5rem; padding: .25rem .5rem; border-bottom: 1px solid #e3e6ec; }\n");
        }
        return css.append(".widget-f").append(n).append(" { font-size: .875rem; }\n").toString();
    }

    /** Fragment {@code n} (1 or more) of {@link #SIZE} bytes. */
    static String fragment(int n) {
        return fragment(n, SIZE);
    }

    /** Fragment {@code n} (1 or more) of exactly {@code size} bytes. */
    static String fragment(int n, int size) {
        if (n < 1) {
            throw new IllegalArgumentException("fragment number must be 1 or more, was " + n);
        }
        return switch ((n - 1) % COUNT + 1) {
            case 1 -> widget(n, size, "members", "Members", FragmentHtml::memberRow, "<table class=\"members-table\"><thead><tr>"
                    + "<th scope=\"col\">Name</th><th scope=\"col\">Email</th><th scope=\"col\">Role</th><th scope=\"col\">Status</th>"
                    + "</tr></thead><tbody>", "</tbody></table>");
            case 2 -> widget(n, size, "audit", "Audit log", FragmentHtml::auditItem, "<ol class=\"audit-feed\" reversed>", "</ol>");
            case 3 -> widget(n, size, "billing", "Billing", FragmentHtml::invoiceRow, "<dl class=\"billing-summary\"><dt>Plan</dt>"
                    + "<dd>Business, 48 seats</dd><dt>Next invoice</dt><dd>1 December, EUR 1,152.00</dd></dl>"
                    + "<table class=\"invoices\"><caption>Recent invoices</caption><tbody>", "</tbody></table>");
            case 4 -> widget(n, size, "security", "Security settings", FragmentHtml::settingRow,
                    "<form class=\"security-form\" method=\"post\" action=\"/settings\"><fieldset><legend>Sign-in policy</legend>",
                    "</fieldset><button type=\"submit\">Save settings</button></form>");
            default -> widget(n, size, "org", "Organisation", FragmentHtml::orgUnit, "<ul class=\"org-tree\" role=\"tree\">", "</ul>");
        };
    }

    /** A widget: heading, an opening, as many generated rows as fit, the closing and the end marker, padded to {@code size} bytes. */
    private static String widget(int n, int size, String team, String title, IntFunction<String> row, String open, String close) {
        String head = "<section class=\"widget widget-" + team + "\" aria-labelledby=\"f" + n + "-title\">\n"
                + "<header class=\"widget-header\"><img src=\"/static/" + team + "/icon.svg\" alt=\"\" width=\"20\" height=\"20\">"
                + "<h2 id=\"f" + n + "-title\">" + title + "</h2><a class=\"widget-more\" href=\"/" + team + "\">Open " + title
                + "</a></header>\n" + open + "\n";
        String tail = close + "\n" + marker(n) + "Updated 2 minutes ago by the " + team + " team.</p>\n</section>\n";
        StringBuilder html = new StringBuilder(head);
        for (int i = 0; ; i++) {
            String next = row.apply(i) + "\n";
            if (bytes(html) + bytes(next) + bytes(tail) > size - 16) {
                break;
            }
            html.append(next);
        }
        html.append(tail);
        int padding = size - bytes(html) - "<!--  -->\n".length();
        html.append("<!-- ").append(" ".repeat(Math.max(0, padding))).append(" -->\n");
        if (bytes(html) != size) {
            throw new IllegalStateException("fragment " + n + " is " + bytes(html) + " bytes, not " + size);
        }
        return html.toString();
    }

    private static String memberRow(int i) {
        String name = NAMES.get(i % NAMES.size());
        String login = name.toLowerCase().replace(' ', '.');
        String role = i % 5 == 0 ? "Owner" : i % 3 == 0 ? "Admin" : "Member";
        String status = i % 7 == 3 ? "Invited" : "Active";
        return "<tr><td><a href=\"/members/" + (1000 + i) + "\">" + name + "</a></td><td>" + login + "@northwind.example</td><td>"
                + role + "</td><td><span class=\"badge badge-" + status.toLowerCase() + "\">" + status + "</span></td></tr>";
    }

    private static String auditItem(int i) {
        String who = NAMES.get((i * 3) % NAMES.size());
        String[] actions = {"changed the retention policy of #general", "invited 3 people to Northwind", "exported the member list",
            "turned on two-factor sign-in", "removed a guest from #sales", "renamed the channel #ops to #operations"};
        return "<li class=\"audit-event\"><time datetime=\"2026-11-28T" + String.format("%02d:%02d", 9 + i % 9, (i * 7) % 60)
                + ":00Z\">" + String.format("%02d:%02d", 9 + i % 9, (i * 7) % 60) + "</time> <strong>" + who + "</strong> "
                + actions[i % actions.length] + "</li>";
    }

    private static String invoiceRow(int i) {
        int number = 311 - i % 300;
        return "<tr><th scope=\"row\"><a href=\"/invoices/INV-2026-" + String.format("%04d", number) + "\">INV-2026-"
                + String.format("%04d", number) + "</a></th><td>" + (28 - i % 28) + " Oct 2026</td><td class=\"amount\">EUR "
                + String.format("%,d.00", 1152 - i % 40 * 24) + "</td><td>" + (i == 0 ? "Open" : "Paid") + "</td></tr>";
    }

    private static String settingRow(int i) {
        String[] settings = {"Require two-factor sign-in", "Allow guest accounts", "Sign out idle sessions after 12 hours",
            "Allow sign-in with Google", "Notify admins of new devices", "Block sign-in from unknown countries"};
        String id = "setting-" + i;
        return "<div class=\"setting\"><input type=\"checkbox\" id=\"" + id + "\" name=\"" + id + "\"" + (i % 2 == 0 ? " checked" : "")
                + "><label for=\"" + id + "\">" + settings[i % settings.length] + "</label><p class=\"hint\">Applies to all "
                + (48 - i % 40) + " members at their next sign-in.</p></div>";
    }

    private static String orgUnit(int i) {
        String[] units = {"Engineering", "Product", "Sales", "Support", "Finance", "People", "Marketing", "Legal"};
        return "<li role=\"treeitem\" aria-expanded=\"false\"><a href=\"/org/units/" + (40 + i) + "\">" + units[i % units.length]
                + (i >= units.length ? " " + (i / units.length + 1) : "") + "</a> <span class=\"count\">" + (4 + (i * 5) % 23)
                + " people</span>, lead " + NAMES.get((i * 5) % NAMES.size()) + "</li>";
    }

    private static int bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
