package io.mosaic.gateway.render;

import org.springframework.http.HttpHeaders;

/**
 * The security headers of every composed page. Scripts run only with the response's nonce
 * ({@code 'strict-dynamic'} lets those scripts load others, as a web component or a bundler's
 * chunks do); inline event handlers and {@code javascript:} URLs never run, whoever wrote them.
 * Everything else a page loads is meant to come through the gateway's own origin.
 */
public final class PageHeaders {

    private PageHeaders() {
    }

    /** The Content-Security-Policy for a response whose nonce is {@code nonce}, framed by its own origin only. */
    public static String contentSecurityPolicy(String nonce) {
        return contentSecurityPolicy(nonce, null);
    }

    /**
     * The Content-Security-Policy for a response whose nonce is {@code nonce}; besides its own
     * origin, {@code console} (an origin, or null) may frame it: the console previews pages.
     */
    public static String contentSecurityPolicy(String nonce, String console) {
        return "default-src 'self'; script-src 'nonce-" + nonce + "' 'strict-dynamic'; "
                // Layouts and teams write inline <style> and style="": CSS cannot run script, and
                // browsers hide nonce attributes from selectors.
                + "style-src 'self' 'unsafe-inline'; "
                // Fragments may show images from other https origins (a CDN); data: for inline icons.
                + "img-src 'self' data: https:; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'self'" + (console == null ? "" : " " + console)
                + "; form-action 'self'";
    }

    /** Sets the page's security headers, with {@code nonce} in its policy and {@code console} (or null) among its framers. */
    public static void set(HttpHeaders headers, String nonce, String console) {
        headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, console));
        // Page URLs carry searches (?q=...): other origins get the origin only; the gateway's own
        // proxy calls keep the whole referrer, which fragments may use for context.
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.set("X-Content-Type-Options", "nosniff");
    }
}
