package io.mosaic.gateway.console;

import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.server.PublicUrls;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every console view gets: the caller, the CSRF token, the CSP nonce, the way times are written, where pages are. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final PublicUrls urls;

    ConsoleModel(PublicUrls urls) {
        this.urls = urls;
    }

    /** The CSRF token every form posts back as {@code _csrf}. */
    @ModelAttribute("csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    @ModelAttribute("caller")
    Caller caller(@AuthenticationPrincipal Caller caller) {
        return caller;
    }

    /** This response's nonce, the one in its Content-Security-Policy ({@link ConsoleHeaders}): the console's own script carries it. */
    @ModelAttribute("cspNonce")
    String cspNonce(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(ConsoleHeaders.NONCE, "");
    }

    /** The console's one way of writing a time, for the views: {@code ${utc.format(instant)}}. */
    @ModelAttribute("utc")
    ConsoleTime utc() {
        return ConsoleTime.UTC;
    }

    /** Where pages are served, for previews and links: the pages' origin, never this one. */
    @ModelAttribute("pagesOrigin")
    String pagesOrigin(ServerWebExchange exchange) {
        String origin = urls.pagesOrigin(exchange.getRequest());
        return origin == null ? "" : origin;
    }
}
