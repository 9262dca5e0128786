package io.mosaic.fragments.nav;

import java.util.List;
import org.springframework.stereotype.Component;

/** The admin console's sections, in the order the bar shows them. */
@Component
class NavMenu {

    private static final List<NavLink> LINKS = List.of(
            new NavLink("Dashboard", "/admin", true),
            new NavLink("Members", "/admin/members", false),
            new NavLink("Organisation", "/admin/organisation", false),
            new NavLink("Security", "/admin/security", false),
            new NavLink("Billing", "/admin/billing", false));

    /** Every link, each marked current or not for the page the gateway is composing. */
    List<NavItem> itemsFor(String pagePath) {
        String page = normalise(pagePath);
        return LINKS.stream().map((link) -> new NavItem(link.label(), link.href(), link.isCurrent(page))).toList();
    }

    /** {@code /admin/members/?tab=x} reads as {@code /admin/members}; a missing path matches nothing. */
    static String normalise(String pagePath) {
        if (pagePath == null || pagePath.isBlank()) {
            return "";
        }
        String path = pagePath.strip();
        int end = indexOfAny(path, '?', '#');
        if (end >= 0) {
            path = path.substring(0, end);
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        if (a < 0) {
            return b;
        }
        return (b < 0) ? a : Math.min(a, b);
    }

}
