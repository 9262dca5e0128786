package io.mosaic.gateway.cache;

import io.mosaic.gateway.fetch.SentHeaders;
import io.mosaic.manifest.Forwarding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which request headers tell one cached answer of a URL from another. An origin that takes part
 * in HTTP caching (it sends {@code Cache-Control} or {@code Expires}) says so itself with
 * {@code Vary}, as RFC 9111 §4.1 has it. An origin that does not was never asked: its answer may
 * well depend on the page it is composed into ({@code X-Page-Path}, the demo's navigation marks
 * the current page) or on the language, so its copies are kept per page, per language and per
 * header or cookie the fragment declares, plus whatever it names in {@code Vary}. Never a wrong
 * variant, at the price of a copy per page.
 */
public final class Variants {

    /** The answer must not be reused for any other request ({@code Vary: *}). */
    public static final List<String> NEVER = List.of("*");

    private Variants() {
    }

    /** The lowercase header names of a {@code Vary} value, sorted and without repeats; {@link #NEVER} for {@code *}. */
    public static List<String> parseVary(String vary) {
        if (vary == null || vary.isBlank()) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        for (String name : vary.split(",")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.equals("*")) {
                return NEVER;
            }
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return List.copyOf(names);
    }

    /** The names an answer's copies are keyed by: {@code vary}, plus the cautious set when the origin does not cache. */
    public static List<String> keyNames(List<String> vary, boolean originCaches, Forwarding forward) {
        if (originCaches) {
            return vary;
        }
        TreeSet<String> names = new TreeSet<>(vary);
        names.add(SentHeaders.PAGE_PATH);
        names.add("accept-language");
        for (String header : forward.headers()) {
            names.add(header.toLowerCase(Locale.ROOT));
        }
        if (!forward.cookies().isEmpty()) {
            names.add("cookie");
        }
        return List.copyOf(names);
    }

    /** Every sent header that could tell two requests apart, except the per-request ids nobody varies on. */
    public static List<String> everything(SentHeaders sent) {
        List<String> names = new ArrayList<>(sent.forwarded().size() + 1);
        names.add(SentHeaders.PAGE_PATH);
        for (String name : sent.forwarded().keySet()) {
            if (!SentHeaders.PER_REQUEST.contains(name)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /** The key of one variant: the URL, then each name with the value sent (empty when none). Values never hold a newline. */
    public static String key(String url, List<String> names, SentHeaders sent) {
        if (names.isEmpty()) {
            return url;
        }
        StringBuilder key = new StringBuilder(url.length() + names.size() * 32).append(url);
        for (String name : names) {
            String value = sent.value(name);
            key.append('\n').append(name).append('=').append(value == null ? "" : value);
        }
        return key.toString();
    }
}
