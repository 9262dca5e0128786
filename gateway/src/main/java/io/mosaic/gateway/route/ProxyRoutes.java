package io.mosaic.gateway.route;

import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.policy.PathPolicy;
import io.mosaic.manifest.GatewayPaths;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

/**
 * The fragments' proxy as one Spring Cloud Gateway route: {@code /fragments/NAME/PATH} is served
 * from fragment NAME's origin at {@code PATH} when the fragment's {@link PathPolicy} serves it
 * (its declared assets, GET and HEAD; its declared proxy prefixes, with the methods each
 * declares). The route looks the fragment up by name in the plan in force and asks its policy,
 * so a proxied call costs the same whether the registry holds one fragment or a thousand with
 * 32 prefixes each (one route per prefix made Spring Cloud Gateway test every route in turn).
 * A path the policy refuses was already answered 400 by {@link ProxyPathFilter} and matches
 * nothing here either.
 *
 * <p>On the route, in order: {@link ProxyAdmission} (405, 413 by declared length), the origin
 * refusal (502, {@link ProxyOriginRefusal}), the breaker and bulkhead ({@link ProxyGuard}), the
 * streaming body cap ({@link RequestBodyCap}), the header allow-lists and the sandbox
 * ({@link ProxyHeaders}), and, after Spring Cloud Gateway's own request URL, the fragment's origin
 * as the target ({@link ProxyTarget}). Each reads the matched {@link Call} from the exchange.
 */
public final class ProxyRoutes {

    /** The exchange attribute holding the matched {@link Call}. */
    static final String CALL = ProxyRoutes.class.getName() + ".call";

    private static final String PREFIX = GatewayPaths.PROXY + "/";

    /**
     * A proxied call, matched.
     *
     * @param fragment the fragment, as the plan in force when the call arrived has it
     * @param originPath the raw path on its origin (percent-encoding as sent)
     * @param match what of its policy serves the path, and the methods allowed there
     */
    record Call(FragmentPlan fragment, String originPath, PathPolicy.Match match) {
    }

    private final Route route;

    /** @param plans the plan in force, read when each call arrives */
    public ProxyRoutes(Supplier<CompositionPlan> plans) {
        this.route = Route.async()
                .id("fragments")
                // Replaced per call by the fragment's origin (ProxyTarget); never called as it is.
                .uri(URI.create("http://fragments.invalid"))
                .predicate(exchange -> match(exchange, plans.get()).map(call -> {
                    exchange.getAttributes().put(CALL, call);
                    return true;
                }).orElse(false))
                .filters(new ProxyAdmission(), new ProxyOriginRefusal(), new ProxyGuard(), new RequestBodyCap(),
                        new ProxyHeaders(), new ProxyTarget())
                .build();
    }

    /** The one route of every fragment's proxy. */
    public Route route() {
        return route;
    }

    /** The fragment and path {@code exchange} asks for in {@code plan}, when its policy serves them. */
    static Optional<Call> match(ServerWebExchange exchange, CompositionPlan plan) {
        String raw = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!raw.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int slash = raw.indexOf('/', PREFIX.length());
        if (slash < 0) {
            return Optional.empty();
        }
        FragmentPlan fragment = plan.fragments().get(raw.substring(PREFIX.length(), slash));
        if (fragment == null) {
            return Optional.empty();
        }
        String originPath = raw.substring(slash);
        return fragment.policy().paths().match(originPath, exchange.getRequest().getMethod().name())
                .map(match -> new Call(fragment, originPath, match));
    }

    /** The call {@code exchange} was matched to. */
    static Call call(ServerWebExchange exchange) {
        return exchange.getRequiredAttribute(CALL);
    }
}
