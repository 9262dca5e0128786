package io.mosaic.gateway.server;

import java.net.URI;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where browsers reach each of the gateway's two origins: as the operator configured it
 * ({@code mosaic.control.url}, {@code mosaic.control.pages-url}), or else the host name the
 * browser used for this request with the other origin's port. The console previews and links
 * pages on the pages' origin, and pages let the console's origin frame them.
 */
public final class PublicUrls {

    private final String control;
    private final String pages;
    private final IntSupplier controlPort;
    private final IntSupplier pagesPort;

    public PublicUrls(URI control, URI pages, IntSupplier controlPort, IntSupplier pagesPort) {
        this.control = control == null ? null : origin(control);
        this.pages = pages == null ? null : origin(pages);
        this.controlPort = controlPort;
        this.pagesPort = pagesPort;
    }

    /** A host name or IP literal: nothing that could end a header value or a policy's source list. */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    /** The control origin, as seen from {@code request} (one on the pages' origin); null when the request's host is not a plain host. */
    public String controlOrigin(ServerHttpRequest request) {
        return control != null ? control : sameHost(request, controlPort.getAsInt());
    }

    /** The pages' origin, as seen from {@code request} (one on the control origin); null when the request's host is not a plain host. */
    public String pagesOrigin(ServerHttpRequest request) {
        return pages != null ? pages : sameHost(request, pagesPort.getAsInt());
    }

    private static String sameHost(ServerHttpRequest request, int port) {
        URI uri = request.getURI();
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || port <= 0 || !(scheme.equals("http") || scheme.equals("https"))) {
            return null;
        }
        host = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return HOST.matcher(host).matches() ? scheme + "://" + host + ":" + port : null;
    }

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }
}
