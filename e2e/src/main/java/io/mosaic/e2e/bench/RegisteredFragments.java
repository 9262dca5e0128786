package io.mosaic.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The fragments {@code registry-1000} registers through the gateway's API: {@link #COUNT} valid,
 * distinct fragments of {@link #PREFIXES} proxy prefixes each, on no page. Each has its own name,
 * one of 20 teams, its own URL on one of the static origins (its fragment file, with the
 * fragment's name as a query so that no two URLs are the same) and its own prefixes
 * ({@code /api/NAME/sNN}; every eighth with its own methods), which the origins answer with a
 * small JSON body.
 */
final class RegisteredFragments {

    static final int COUNT = 1000;
    /** The most a fragment may declare (the manifest's list cap). */
    static final int PREFIXES = 32;
    private static final int TEAMS = 20;

    private RegisteredFragments() {
    }

    /** The name of registered fragment {@code i} (1 to {@link #COUNT}), such as {@code reg-0042}. */
    static String name(int i) {
        return String.format("reg-%04d", i);
    }

    /** Its proxy prefixes, in declaration order. */
    static List<String> prefixes(int i) {
        List<String> prefixes = new ArrayList<>(PREFIXES);
        for (int k = 0; k < PREFIXES; k++) {
            prefixes.add(String.format("/api/%s/s%02d", name(i), k));
        }
        return prefixes;
    }

    /** A path the gateway proxies for fragment {@code i} only once it is registered: under its last prefix. */
    static String proxiedPath(int i) {
        List<String> prefixes = prefixes(i);
        return "/fragments/" + name(i) + prefixes.get(prefixes.size() - 1) + "/ping";
    }

    /**
     * Its fragment document, as JSON, for {@code PUT /api/fragments/NAME}. {@code origins} are the
     * static origins ({@code http://127.0.0.1:PORT}), origin N serving fragment file {@code /fN.html}.
     */
    static String document(int i, List<String> origins) {
        int origin = (i - 1) % origins.size() + 1;
        StringBuilder json = new StringBuilder(2048);
        json.append("{\"name\":\"").append(name(i)).append("\",\"team\":\"team-").append(String.format("%02d", (i - 1) % TEAMS + 1)).append("\",")
                .append("\"url\":\"").append(origins.get(origin - 1)).append("/f").append(origin).append(".html?as=").append(name(i))
                .append("\",\"timeout\":\"250ms\",")
                .append("\"fallback\":\"<p>").append(name(i)).append(" is unavailable right now.</p>\",")
                .append("\"proxy\":[");
        List<String> prefixes = prefixes(i);
        for (int k = 0; k < prefixes.size(); k++) {
            json.append(k == 0 ? "" : ",");
            if (k % 8 == 7) {
                json.append("{\"path\":\"").append(prefixes.get(k)).append("\",\"methods\":[\"GET\",\"POST\",\"DELETE\"]}");
            } else {
                json.append('"').append(prefixes.get(k)).append('"');
            }
        }
        return json.append("]}").toString();
    }
}
