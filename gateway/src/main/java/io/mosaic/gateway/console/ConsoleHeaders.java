package io.mosaic.gateway.console;

import io.mosaic.gateway.render.Nonces;
import io.mosaic.gateway.server.PublicUrls;
import io.mosaic.manifest.GatewayPaths;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A strict Content-Security-Policy for every console response, with a fresh nonce: only the
 * console's own script, carrying the nonce, runs; styles, images and connections come from the
 * console's origin; nothing frames the console; forms post to it only; the only frames it shows
 * are page previews from the pages' origin. A fragment's markup never reaches the console, but if
 * something a team registered were ever shown unescaped, it could not run.
 */
final class ConsoleHeaders implements WebFilter, Ordered {

    /** The exchange attribute holding this response's nonce. */
    static final String NONCE = ConsoleHeaders.class.getName() + ".nonce";

    private final Nonces nonces = new Nonces();
    private final PublicUrls urls;

    ConsoleHeaders(PublicUrls urls) {
        this.urls = urls;
    }

    /** Before Spring Security (-100): a sign-in redirect or a 403 carries the policy too. */
    @Override
    public int getOrder() {
        return -160;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!(path.equals(GatewayPaths.CONSOLE) || path.startsWith(GatewayPaths.CONSOLE + "/"))) {
            return chain.filter(exchange);
        }
        String nonce = nonces.next();
        exchange.getAttributes().put(NONCE, nonce);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Content-Security-Policy", policy(nonce, urls.pagesOrigin(exchange.getRequest())));
        headers.set("Referrer-Policy", "same-origin");
        return chain.filter(exchange);
    }

    /** The policy of a console response whose nonce is {@code nonce}, previewing pages from {@code pages} (or none when null). */
    static String policy(String nonce, String pages) {
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "frame-src " + (pages == null ? "'none'" : pages) + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                + "form-action 'self'";
    }
}
