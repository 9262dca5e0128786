package io.mosaic.gateway.server;

import io.mosaic.manifest.GatewayPaths;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Which origin serves which path, decided before anything else sees a request (the outermost
 * decorator of the server's handler): the control port serves {@code /console}, {@code /api} and
 * {@code /actuator} and nothing of a team's; the pages' port serves pages and {@code /fragments/**}
 * and answers 404 for the control paths. The manifest's JSON Schema is public on both. A path is
 * judged by its first non-empty segment as Spring matches it (percent-decoded, without
 * {@code ;parameters}), so {@code /%61pi/...} or {@code /api;x/...} is a control path too.
 */
public final class Origins implements HttpHandlerDecoratorFactory {

    /** The first path segments served on the control port only. */
    public static final Set<String> CONTROL_SEGMENTS = GatewayPaths.CONTROL.stream().map(prefix -> prefix.substring(1))
            .collect(Collectors.toUnmodifiableSet());

    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.UTF_8);

    private final IntSupplier controlPort;

    /** @param controlPort the control port once it listens, -1 before */
    public Origins(IntSupplier controlPort) {
        this.controlPort = controlPort;
    }

    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> {
            boolean control = isControlPort(request);
            String path = request.getPath().pathWithinApplication().value();
            if (path.equals(GatewayPaths.SCHEMA)) {
                return next.handle(request, response);
            }
            boolean controlPath = isControlPath(request);
            if (control) {
                if (controlPath) {
                    return next.handle(request, response);
                }
                if (path.equals("/") || path.isEmpty()) {
                    response.setStatusCode(HttpStatus.TEMPORARY_REDIRECT);
                    response.getHeaders().setLocation(URI.create("/console"));
                    return response.setComplete();
                }
                return notFound(response);
            }
            return controlPath ? notFound(response) : next.handle(request, response);
        };
    }

    private boolean isControlPort(ServerHttpRequest request) {
        InetSocketAddress local = request.getLocalAddress();
        int port = controlPort.getAsInt();
        return local != null && port > 0 && local.getPort() == port;
    }

    /** Whether the first non-empty segment, as Spring's path matching reads it, is a control segment. */
    public static boolean isControlPath(ServerHttpRequest request) {
        for (PathContainer.Element element : request.getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
                return CONTROL_SEGMENTS.contains(segment.valueToMatch());
            }
        }
        return false;
    }

    private static Mono<Void> notFound(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NOT_FOUND);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        headers.setCacheControl("no-store");
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(NOT_FOUND)));
    }
}
