package io.mosaic.gateway.fetch;

import io.mosaic.gateway.request.QueryEncoding;
import io.mosaic.manifest.QuerySelection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The URL a fragment is fetched from for one page request: its own URL, plus the page's query
 * parameters its {@code forward.query} selects, minus any whose name the fragment's URL already
 * has, so a page can never override a fragment's fixed query. Names are compared decoded
 * ({@code ids%5B%5D} is {@code ids[]}); values are passed on as sent, percent-encoded where RFC
 * 3986 requires. Never fails: a query that cannot be read is encoded, not refused.
 */
public final class FragmentQuery {

    private FragmentQuery() {
    }

    /** {@code url} with the parameters of {@code rawPageQuery} (null when none) that {@code selection} lets through. */
    public static URI withQuery(URI url, String rawPageQuery, QuerySelection selection) {
        if (rawPageQuery == null || rawPageQuery.isEmpty() || selection instanceof QuerySelection.None) {
            return url;
        }
        String own = url.getRawQuery();
        boolean hasOwn = own != null && !own.isEmpty();
        String page = QueryEncoding.encode(rawPageQuery, QueryEncoding.Chars.UNICODE, true);
        String forwarded = hasOwn || !(selection instanceof QuerySelection.All) ? select(page, selection, names(own)) : page;
        if (forwarded.isEmpty()) {
            return url;
        }
        String base = url.toString();
        if (base.endsWith("?")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + (hasOwn ? "&" : "?") + forwarded);
    }

    private static String select(String query, QuerySelection selection, Set<String> fixed) {
        StringBuilder out = new StringBuilder(query.length());
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            String name = name(parameter);
            if (selection.allows(name) && !fixed.contains(name)) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(parameter);
            }
        }
        return out.toString();
    }

    private static Set<String> names(String query) {
        Set<String> names = new HashSet<>();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (!parameter.isEmpty()) {
                    names.add(name(parameter));
                }
            }
        }
        return names;
    }

    /** A parameter's decoded name, as a form decoder reads it ({@code +} is a space). */
    private static String name(String parameter) {
        int equals = parameter.indexOf('=');
        String raw = equals < 0 ? parameter : parameter.substring(0, equals);
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // not reached on encoded queries; a raw name still compares as written
        }
    }
}
