package io.mosaic.gateway.handler;

import io.mosaic.gateway.plan.PagePlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.render.Nonces;
import io.mosaic.gateway.render.PageHeaders;
import io.mosaic.gateway.request.RequestContext;
import io.mosaic.gateway.request.RequestIds;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Answers the manifest's pages. The match is made against the plan in force when the request
 * arrives, so pages added or removed by a reload are routable or gone at once.
 *
 * <p>GET and HEAD of a page are answered by the server's {@link HttpHandler} itself, as a
 * {@link HttpHandlerDecoratorFactory}, before WebFlux builds an exchange: a page needs none of
 * what comes between (no security chain matches a page path, the proxy's path filter ignores it,
 * no handler mapping, codec or session is used), and that stack cost more CPU than the
 * composition of a page whose fragments are stored. What WebFlux's filters and adapter did for a
 * page is done here: its request id ({@link RequestIds}), HEAD without a body, and the 500 of an
 * unexpected error. Every other request, and every other method on a page path (405), goes
 * through WebFlux as before.
 */
public final class PageHandler implements HttpHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(PageHandler.class);
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

    private final PlanHolder plans;
    private final PageComposer composer;
    private final RequestIds requestIds;
    private final Function<ServerHttpRequest, String> console;
    private final Nonces nonces = new Nonces();

    /** @param console the console's origin as seen from a page request (it may frame pages), or null */
    public PageHandler(PlanHolder plans, PageComposer composer, RequestIds requestIds, Function<ServerHttpRequest, String> console) {
        this.plans = plans;
        this.composer = composer;
        this.requestIds = requestIds;
        this.console = console;
    }

    /** The server's handler, with GET and HEAD of the current plan's pages answered before it. */
    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> {
            HttpMethod method = request.getMethod();
            if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                Optional<PagePlan> page = plans.current().page(request.getPath().pathWithinApplication().value());
                if (page.isPresent()) {
                    // HEAD is composed like GET (the primary fragment decides the status); Spring's
                    // Reactor Netty adapter has already wrapped the response so that its body is dropped.
                    return serve(page.get(), request, response);
                }
            }
            return next.handle(request, response);
        };
    }

    /**
     * Any other method on a page path answers 405, and GET / leads to the first page when no page
     * is at /. GET and HEAD of a page are answered here too when the server's handler is not
     * decorated (a test binding these routes alone).
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

    /** Writes {@code page}: its headers, then the composed document as it becomes ready. */
    Mono<Void> serve(PagePlan page, ServerHttpRequest request, ServerHttpResponse response) {
        HttpHeaders sent = request.getHeaders();
        String id = RequestIds.decide(sent.getFirst("X-Request-Id"));
        // Completing the response after the write, as WebFlux does: for HEAD, the write only drains the body.
        Mono<Void> written = Mono.defer(() -> compose(page, request, response, id))
                .onErrorResume(error -> failed(page, id, response, error))
                .then(Mono.defer(response::setComplete));
        return requestIds.around(written, id, sent);
    }

    private Mono<Void> compose(PagePlan page, ServerHttpRequest request, ServerHttpResponse response, String id) {
        RequestContext context = RequestContext.of(request, id);
        String nonce = nonces.next();
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(HTML);
        headers.setCacheControl("no-store");
        PageHeaders.set(headers, nonce, console.apply(request));
        headers.set("X-Request-Id", id);
        return composer.write(page, context, nonce, response);
    }

    /**
     * Composition does not fail for a fragment's sake; anything else (a bug) is a 500 with the
     * request id if the headers have not left, as WebFlux would answer, and logged with its id.
     */
    private static Mono<Void> failed(PagePlan page, String id, ServerHttpResponse response, Throwable error) {
        if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
            // The browser went away while the page was written (WebFlux logs this at debug too).
            log.debug("Page {}: the client went away (request {}): {}", page.path(), id, error.toString());
            return Mono.empty();
        }
        log.error("Page {} failed (request {})", page.path(), id, error);
        if (response.isCommitted()) {
            return Mono.error(error); // the server closes the connection: the page cannot end well any more
        }
        response.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
        response.getHeaders().setContentType(TEXT);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory()
                .wrap(("The page " + page.path() + " failed; request " + id + "\n").getBytes(StandardCharsets.UTF_8))));
    }

    private Mono<ServerResponse> page(ServerRequest request) {
        return plans.current().page(request.path())
                .map(page -> ServerResponse.ok().build((exchange, ignored) ->
                        serve(page, exchange.getRequest(), exchange.getResponse())))
                .orElseGet(() -> ServerResponse.notFound().build());
    }

    private Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .allow(HttpMethod.GET, HttpMethod.HEAD)
                .contentType(TEXT)
                .bodyValue(request.path() + " is a page: it answers GET and HEAD, not " + request.method().name() + "\n");
    }

    private Mono<ServerResponse> root(ServerRequest request) {
        String first = plans.current().pages().keySet().iterator().next();
        return ServerResponse.temporaryRedirect(URI.create(first)).build();
    }
}
