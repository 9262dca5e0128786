package io.mosaic.gateway.handler;

import io.mosaic.gateway.fetch.RequestContext;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.render.Nonces;
import io.mosaic.gateway.render.PageHeaders;
import io.mosaic.gateway.request.RequestIds;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Answers the manifest's pages. The match is made against the plan in force when the request
 * arrives, so pages added or removed by a reload are routable or gone at once.
 */
public final class PageHandler {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final PlanHolder plans;
    private final PageComposer composer;
    private final Nonces nonces = new Nonces();

    public PageHandler(PlanHolder plans, PageComposer composer) {
        this.plans = plans;
        this.composer = composer;
    }

    /**
     * GET and HEAD of any page path of the current plan; GET / leads to the first page when no
     * page is at /. HEAD composes the page like GET, since the primary fragment decides the
     * status, and the server drops the body. Any other method on a page path answers 405.
     */
    public RouterFunction<ServerResponse> routes() {
        RequestPredicate isPagePath = request -> plans.current().page(request.path()).isPresent();
        RequestPredicate isRead = request -> request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        RequestPredicate isRoot = request -> request.method() == HttpMethod.GET && request.path().equals("/")
                && plans.current().page("/").isEmpty() && !plans.current().pages().isEmpty();
        return RouterFunctions.route(isPagePath.and(isRead), this::page)
                .andRoute(isPagePath, this::methodNotAllowed)
                .andRoute(isRoot, this::root);
    }

    private Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .allow(HttpMethod.GET, HttpMethod.HEAD)
                .contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
                .bodyValue(request.path() + " is a page: it answers GET and HEAD, not " + request.method().name() + "\n");
    }

    private Mono<ServerResponse> page(ServerRequest request) {
        CompositionPlan plan = plans.current();
        return plan.page(request.path())
                .map(page -> {
                    RequestContext context = RequestContext.of(request.exchange().getRequest(), RequestIds.of(request.exchange()));
                    String nonce = nonces.next();
                    return ServerResponse.ok()
                            .contentType(HTML)
                            .cacheControl(CacheControl.noStore())
                            .headers(headers -> PageHeaders.set(headers, nonce))
                            .header("X-Request-Id", context.requestId())
                            .build((exchange, ignored) -> composer.write(page, context, nonce, exchange.getResponse()));
                })
                .orElseGet(() -> ServerResponse.notFound().build());
    }

    private Mono<ServerResponse> root(ServerRequest request) {
        String first = plans.current().pages().keySet().iterator().next();
        return ServerResponse.temporaryRedirect(URI.create(first)).build();
    }
}
