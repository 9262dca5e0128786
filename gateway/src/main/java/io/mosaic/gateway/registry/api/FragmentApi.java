package io.mosaic.gateway.registry.api;

import io.mosaic.gateway.plan.BreakerControl;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.registry.AuditEntry;
import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.FieldError;
import io.mosaic.gateway.registry.OffLoop;
import io.mosaic.gateway.registry.PageSlots;
import io.mosaic.gateway.registry.Registrations;
import io.mosaic.gateway.registry.Registrations.Precondition;
import io.mosaic.gateway.registry.RegistryException;
import io.mosaic.gateway.registry.Revision;
import io.mosaic.gateway.registry.StoredFragment;
import io.mosaic.gateway.request.RequestIds;
import io.mosaic.gateway.request.RequestMdc;
import io.mosaic.manifest.GatewayPaths;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registration API: teams register, replace, read and remove their fragments; admins read
 * the audit log. Every call that touches the store runs on a bounded-elastic worker, never on
 * the event loop. Errors are problem details naming every bad field.
 */
@RestController
@RequestMapping(GatewayPaths.API)
class FragmentApi {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FragmentApi.class);

    /** The largest body read; a larger one is refused before a byte of it is parsed. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final Registrations registrations;
    private final PlanHolder plans;
    private final JsonMapper json;

    FragmentApi(Registrations registrations, PlanHolder plans, JsonMapper json) {
        this.registrations = registrations;
        this.plans = plans;
        this.json = json;
    }

    @GetMapping("/fragments")
    Mono<List<Map<String, Object>>> list(@RequestParam(required = false) String team) {
        return OffLoop.call(() -> registrations.list(team).stream().map(this::view).toList());
    }

    @GetMapping("/fragments/{name}")
    Mono<ResponseEntity<Map<String, Object>>> get(@PathVariable String name) {
        return OffLoop.call(() -> registrations.get(name))
                .map(fragment -> ResponseEntity.ok().eTag(fragment.etag()).body(view(fragment)));
    }

    @PutMapping("/fragments/{name}")
    Mono<ResponseEntity<Map<String, Object>>> put(@PathVariable String name, @AuthenticationPrincipal Caller caller,
                                                  ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        Precondition precondition = precondition(exchange.getRequest());
        return body(exchange.getRequest())
                .flatMap(body -> OffLoop.call(() -> registrations.put(caller, name, body, precondition, requestId)))
                .map(stored -> (stored.created()
                        ? ResponseEntity.created(URI.create("/api/fragments/" + name))
                        : ResponseEntity.ok())
                        .eTag(stored.fragment().etag())
                        .body(view(stored.fragment())));
    }

    @DeleteMapping("/fragments/{name}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String name, @AuthenticationPrincipal Caller caller,
                                      ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        Precondition precondition = precondition(exchange.getRequest());
        return OffLoop.call(() -> {
            registrations.delete(caller, name, precondition, requestId);
            return ResponseEntity.noContent().<Void>build();
        });
    }

    @GetMapping("/fragments/{name}/revisions")
    Mono<List<Map<String, Object>>> revisions(@PathVariable String name) {
        return OffLoop.call(() -> registrations.revisions(name).stream().map(this::view).toList());
    }

    @PostMapping("/fragments/{name}/revisions/{revision}/restore")
    Mono<ResponseEntity<Map<String, Object>>> restore(@PathVariable String name, @PathVariable long revision,
                                                      @AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        Precondition precondition = precondition(exchange.getRequest());
        return OffLoop.call(() -> registrations.restore(caller, name, revision, precondition, requestId))
                .map(stored -> ResponseEntity.ok().eTag(stored.fragment().etag()).body(view(stored.fragment())));
    }

    /** Takes a registered fragment off every page, keeping its definition (an incident control). */
    @PostMapping("/fragments/{name}/disable")
    Mono<ResponseEntity<Map<String, Object>>> disable(@PathVariable String name, @AuthenticationPrincipal Caller caller,
                                                      ServerWebExchange exchange) {
        return enabled(name, false, caller, exchange);
    }

    /** Puts a disabled fragment back on its pages. */
    @PostMapping("/fragments/{name}/enable")
    Mono<ResponseEntity<Map<String, Object>>> enable(@PathVariable String name, @AuthenticationPrincipal Caller caller,
                                                     ServerWebExchange exchange) {
        return enabled(name, true, caller, exchange);
    }

    private Mono<ResponseEntity<Map<String, Object>>> enabled(String name, boolean enabled, Caller caller,
                                                              ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        Precondition precondition = precondition(exchange.getRequest());
        return OffLoop.call(() -> registrations.setEnabled(caller, name, enabled, precondition, requestId))
                .map(fragment -> ResponseEntity.ok().eTag(fragment.etag()).body(view(fragment)));
    }

    /**
     * The admin's incident control on any fragment's breaker (one of the operator's file too):
     * {@code {"hold": "force-open"}}, {@code "force-closed"}, or {@code null} to release it. Every
     * gateway instance applies it at its next poll, and no team's change lifts it.
     */
    @PutMapping("/fragments/{name}/breaker")
    Mono<ResponseEntity<Map<String, Object>>> breaker(@PathVariable String name, @AuthenticationPrincipal Caller caller,
                                                      ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        return body(exchange.getRequest()).flatMap(body -> {
            JsonNode hold = body.get("hold");
            BreakerControl control = hold == null || hold.isNull() ? null
                    : BreakerControl.byId(hold.asString()).orElseThrow(() -> new RegistryException(RegistryException.Refusal.INVALID,
                            "hold must be force-open, force-closed or null (released)",
                            List.of(new FieldError("hold", "'" + hold.asString() + "' is not force-open, force-closed or null"))));
            return OffLoop.call(() -> {
                registrations.holdBreaker(caller, name, control, requestId);
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("fragment", name);
                view.put("hold", control == null ? null : control.id());
                return ResponseEntity.ok(view);
            });
        });
    }

    /** The pages in force, their layouts and slots: what a team may mount into, and how many places are free. */
    @GetMapping("/pages")
    List<Map<String, Object>> pages(@AuthenticationPrincipal Caller caller) {
        return PageSlots.of(plans.current(), caller.team());
    }

    @GetMapping("/audit")
    Mono<List<AuditEntry>> audit(@RequestParam(required = false) String team, @RequestParam(required = false) String fragment,
                                 @RequestParam(defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        return OffLoop.call(() -> registrations.audit(team, fragment, bounded));
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ProblemDetail> refused(RegistryException e, ServerWebExchange exchange) {
        return Problems.entity(e, exchange.getRequest().getPath().value());
    }

    /** The database cannot be reached: pages keep serving from the last good plan, the API says so. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e, ServerWebExchange exchange) {
        try (RequestMdc ignored = RequestMdc.of(exchange)) {
            log.warn("registry {} {}: the database cannot be reached: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), e.toString());
        }
        return ResponseEntity.status(503).contentType(Problems.PROBLEM_JSON).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(503, "Service Unavailable", "the registry's database cannot be reached; pages keep "
                        + "serving the last good configuration. Retry later.", List.of(), exchange.getRequest().getPath().value()));
    }

    private Mono<JsonNode> body(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        if (type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"))) {
            return Mono.error(new RegistryException(RegistryException.Refusal.UNSUPPORTED_TYPE,
                    "send the fragment as Content-Type: application/json (got " + (type == null ? "none" : type) + ")"));
        }
        long length = request.getHeaders().getContentLength();
        if (length > MAX_BODY_BYTES) {
            return Mono.error(tooLarge());
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return json.readTree(bytes);
                    } catch (JacksonException e) {
                        throw new RegistryException(RegistryException.Refusal.INVALID, "the body is not valid JSON",
                                List.of(new FieldError("", e.getOriginalMessage())));
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .switchIfEmpty(Mono.error(new RegistryException(RegistryException.Refusal.INVALID, "the body is empty",
                        List.of(new FieldError("", "send the fragment's fields as a JSON object")))));
    }

    private static RegistryException tooLarge() {
        return new RegistryException(RegistryException.Refusal.TOO_LARGE, "the body is larger than " + MAX_BODY_BYTES / 1024
                + " KiB; a fragment's definition is far smaller");
    }

    private Map<String, Object> view(StoredFragment fragment) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", fragment.name());
        view.put("team", fragment.team());
        view.put("revision", fragment.revision());
        view.put("enabled", fragment.enabled());
        view.put("createdAt", fragment.createdAt().toString());
        view.put("updatedAt", fragment.updatedAt().toString());
        view.put("updatedBy", fragment.updatedBy());
        view.put("fragment", json.readTree(fragment.document()));
        // An admin's incident controls, which no team's write lifts (read on the worker thread, like the fragment).
        registrations.control(fragment.name()).ifPresent(control -> {
            Map<String, Object> held = new LinkedHashMap<>();
            held.put("disabled", control.disabled());
            held.put("breaker", control.breaker() == null ? null : control.breaker().id());
            held.put("setBy", control.setBy());
            held.put("setAt", control.setAt().toString());
            view.put("control", held);
        });
        return view;
    }

    private Map<String, Object> view(Revision revision) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("revision", revision.revision());
        view.put("action", revision.action());
        view.put("team", revision.team());
        view.put("createdAt", revision.createdAt().toString());
        view.put("createdBy", revision.createdBy());
        view.put("fragment", revision.document() == null ? null : json.readTree(revision.document()));
        return view;
    }

    private static Precondition precondition(ServerHttpRequest request) {
        return new Precondition(request.getHeaders().getFirst(HttpHeaders.IF_MATCH),
                request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH));
    }
}
