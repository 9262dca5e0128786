package io.mosaic.fragments.contract;

import io.mosaic.manifest.FragmentContract;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Adds {@code X-Fragment-Version} to every response: pages, assets, API answers and errors.
 *
 * <p>The header is written just before the response commits, so an error handler that rebuilds
 * the response further down the chain cannot lose it.
 */
final class VersionHeaderFilter implements WebFilter {

    static final String HEADER = FragmentContract.VERSION_HEADER;

    private final String version;

    VersionHeaderFilter(String version) {
        this.version = version;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, this.version);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

}
