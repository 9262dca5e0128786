package io.mosaic.manifest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Origins in one spelling, {@code scheme://host:port}, so that the operator's list, the
 * manifest's fragments and the host Netty connects to compare equal when they are the same
 * origin: scheme and host lowercase, the default port written out, a trailing dot dropped,
 * numeric hosts in their canonical form ({@code 0x7f.1} is {@code 127.0.0.1}) and IPv6 in
 * brackets, compressed as RFC 5952 writes it, without a zone id. The one same-origin rule of the
 * project: the manifest's validator, the URL rewriter and the proxy's {@code Location} check all ask
 * {@link #sameOrigin}.
 */
public final class Origin {

    private Origin() {
    }

    /** The origin of an absolute http(s) URL. */
    public static String of(URI url) {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("'" + url + "' is not an http or https URL");
        }
        String host = host(url);
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' has no host");
        }
        return of(scheme, host, port(url));
    }

    /**
     * Whether the absolute URL {@code url} is on {@code origin} (in this class's spelling): the one
     * same-origin rule of the gateway. A URL with user-info, a scheme other than http(s), or no
     * host is on no origin.
     */
    public static boolean sameOrigin(URI url, String origin) {
        if (!url.isAbsolute() || url.getRawUserInfo() != null) {
            return false;
        }
        try {
            return of(url).equals(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The origin of a connection to {@code host} and {@code port} (a port of -1 or 0: the scheme's default). */
    public static String of(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return s + "://" + canonicalHost(host) + ":" + (port > 0 ? port : "https".equals(s) ? 443 : 80);
    }

    /**
     * An origin as an operator writes it in {@code mosaic.registry.allowed-origins}:
     * {@code scheme://host[:port]}, with no path, query or user-info.
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static String parse(String origin) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed origin '" + origin + "' is not a URL: " + e.getMessage(), e);
        }
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!uri.isAbsolute() || !bare) {
            throw new IllegalArgumentException("allowed origin '" + origin
                    + "' must be scheme://host[:port], such as https://members.internal:8443, with nothing after the port");
        }
        try {
            return of(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed origin " + e.getMessage(), e);
        }
    }

    /** The host as written in the URL, brackets kept, even when URI took the authority for a registry name ({@code http://0x7f.1/}). */
    public static String host(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String authority = url.getRawAuthority();
        if (authority == null) {
            return null;
        }
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? null : authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon >= 0 ? authority.substring(0, colon) : authority;
    }

    /** The port as written, or -1. */
    public static int port(URI url) {
        if (url.getPort() >= 0 || url.getHost() != null) {
            return url.getPort();
        }
        String authority = url.getRawAuthority();
        if (authority == null) {
            return -1;
        }
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']')) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String canonicalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        Optional<InetAddress> address = NumericHost.parse(h);
        if (address.isPresent()) {
            return address.get() instanceof Inet6Address ipv6 ? "[" + compressed(ipv6) + "]" : address.get().getHostAddress();
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /**
     * An IPv6 address as RFC 5952 writes it: lowercase hex groups without leading zeros, the
     * longest run of two or more zero groups (the first of equals) as {@code ::}.
     */
    static String compressed(Inet6Address address) {
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
