package io.mosaic.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A path prefix on a fragment's origin that the browser may reach through the gateway at
 * {@code /fragments/NAME/...}, and the HTTP methods allowed there.
 *
 * @param path a root-relative path prefix without a trailing slash, such as {@code /api/admin}
 * @param methods uppercase methods, each one of {@link #ALLOWED_METHODS}, as declared
 */
public record ProxyPath(String path, List<String> methods) {

    /** Every method a proxy path may allow; others (CONNECT, TRACE, custom ones) never reach an origin. */
    public static final List<String> ALLOWED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The methods of a proxy path written as plain text: reading and the forms of a fragment's own UI. */
    public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST");

    public ProxyPath {
        Objects.requireNonNull(path, "path");
        methods = List.copyOf(methods);
        if (methods.isEmpty() || !ALLOWED_METHODS.containsAll(methods)) {
            throw new IllegalArgumentException("methods must be some of " + ALLOWED_METHODS + ", got " + methods);
        }
    }

    /** A proxy path with the {@link #DEFAULT_METHODS}. */
    public static ProxyPath of(String path) {
        return new ProxyPath(path, DEFAULT_METHODS);
    }

    /** Whether the methods are the defaults, so the path can be written as plain text. */
    public boolean hasDefaultMethods() {
        return methods.equals(DEFAULT_METHODS);
    }
}
