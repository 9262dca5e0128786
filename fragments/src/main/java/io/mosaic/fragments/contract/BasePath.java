package io.mosaic.fragments.contract;

import java.util.regex.Pattern;

/**
 * The prefix under which the browser reaches this fragment's origin, taken from
 * {@link io.mosaic.manifest.FragmentContract#BASE_PATH_HEADER}: {@code /fragments/billing} behind the gateway, empty
 * when the fragment is fetched directly.
 *
 * <p>The value ends up in an HTML attribute that browser code turns into a request, so only a
 * plain absolute path of unreserved characters is accepted ({@code /a/b-c/d.e_f~g}, no query, no
 * scheme, no {@code ..}); anything else counts as absent rather than being echoed back.
 */
public final class BasePath {

    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+/?");

    private static final BasePath NONE = new BasePath("");

    private final String prefix;

    private BasePath(String prefix) {
        this.prefix = prefix;
    }

    /** The base path from the header's value, which may be null. */
    public static BasePath fromHeader(String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            return NONE;
        }
        String prefix = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return new BasePath(prefix);
    }

    /** The browser's URL for a path on this fragment's origin, e.g. {@code /api/summary}. */
    public String resolve(String originPath) {
        return this.prefix + originPath;
    }

    @Override
    public String toString() {
        return this.prefix;
    }

}
