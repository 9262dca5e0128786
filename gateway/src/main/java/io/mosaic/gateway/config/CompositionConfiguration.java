package io.mosaic.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.gateway.cache.FragmentCache;
import io.mosaic.gateway.fetch.FragmentFetcher;
import io.mosaic.gateway.handler.PageComposer;
import io.mosaic.gateway.handler.PageHandler;
import io.mosaic.gateway.handler.WarmUp;
import io.mosaic.gateway.html.FragmentParser;
import io.mosaic.gateway.layout.LayoutRenderer;
import io.mosaic.gateway.layout.Layouts;
import io.mosaic.gateway.layout.OperatorTemplateResolver;
import io.mosaic.gateway.metrics.FragmentMetrics;
import io.mosaic.gateway.metrics.PageMetrics;
import io.mosaic.gateway.observe.Observations;
import io.mosaic.gateway.plan.PlanCompiler;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.policy.TeamGrants;
import io.mosaic.gateway.reload.ManifestHealthIndicator;
import io.mosaic.gateway.reload.ManifestWatcher;
import io.mosaic.gateway.request.RequestIds;
import io.mosaic.gateway.resolve.FragmentResolver;
import io.mosaic.gateway.resolve.OutcomeRecorder;
import io.mosaic.gateway.resolve.Resilience;
import io.mosaic.gateway.route.ProxyPathFilter;
import io.mosaic.gateway.route.ProxyRoutes;
import io.mosaic.gateway.route.ProxyTags;
import io.mosaic.gateway.server.PublicUrls;
import io.mosaic.gateway.source.EffectiveManifest;
import io.mosaic.manifest.ManifestSchema;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;
import reactor.core.publisher.Flux;

/** The request flow's parts, wired once: plan, resolution, composition, pages and proxy routes. */
@Configuration(proxyBeanMethods = false)
class CompositionConfiguration {

    @Bean
    Layouts layouts(GatewayProperties properties) {
        return Layouts.withFolder(properties.layouts());
    }

    /** The operator's layouts folder, resolved before the built-in templates so a layout there can replace one. */
    @Bean
    @ConditionalOnProperty("mosaic.layouts")
    ITemplateResolver operatorLayouts(GatewayProperties properties) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(properties.layouts().toAbsolutePath() + "/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(0);
        return new OperatorTemplateResolver(resolver);
    }

    @Bean
    WarmUp warmUp(PlanHolder plans, GatewayProperties properties, Environment environment) {
        return new WarmUp(plans, properties.warmUp().rounds(), properties.warmUp().maxTime(), () -> {
            String address = environment.getProperty("server.address", "127.0.0.1");
            String host = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
            return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + environment.getRequiredProperty("local.server.port"));
        });
    }

    /** Every fragment's breakers and bulkheads, made for the plan and applied to each fetch. */
    @Bean
    Resilience resilience() {
        return new Resilience();
    }

    @Bean
    PlanCompiler planCompiler(ITemplateEngine templates, Layouts layouts, TeamGrants grants, Resilience resilience) {
        return new PlanCompiler(new LayoutRenderer(templates), layouts, new FragmentParser(), grants, resilience);
    }

    /** The effective manifest at start: the file must be valid, or the gateway does not start. */
    @Bean
    EffectiveManifest.Snapshot startingManifest(EffectiveManifest manifests) {
        return StartingManifest.read(manifests);
    }

    @Bean
    PlanHolder planHolder(EffectiveManifest manifests, EffectiveManifest.Snapshot startingManifest, PlanCompiler compiler,
                          ApplicationEventPublisher events) {
        return new PlanHolder(compiler.compile(startingManifest.result().orThrow(), manifests.describe(),
                startingManifest.registered(), startingManifest.breakerControls(), null), events);
    }

    @Bean
    ManifestWatcher manifestWatcher(EffectiveManifest manifests, EffectiveManifest.Snapshot startingManifest,
                                    PlanCompiler compiler, PlanHolder plans, GatewayProperties properties) {
        return new ManifestWatcher(manifests, compiler, plans, startingManifest.revision(), properties.reloadInterval());
    }

    @Bean
    ManifestHealthIndicator manifestHealthIndicator(ManifestWatcher watcher, EffectiveManifest manifests) {
        return new ManifestHealthIndicator(watcher, manifests.describe());
    }

    @Bean
    FragmentMetrics fragmentMetrics(MeterRegistry meters, PlanHolder plans) {
        return new FragmentMetrics(meters, plans);
    }

    @Bean
    FragmentCache fragmentCache(GatewayProperties properties) {
        return new FragmentCache(properties.fragmentCache().maxBytes(), properties.fragmentCache().variantsPerFragment());
    }

    @Bean
    Observations observations() {
        return new Observations(System::currentTimeMillis);
    }

    @Bean
    FragmentResolver fragmentResolver(FragmentFetcher fetcher, Resilience resilience, FragmentCache fragmentCache,
                                      MeterRegistry meters, Observations observations) {
        return new FragmentResolver(fetcher, resilience, new FragmentParser(), fragmentCache, observations,
                new OutcomeRecorder(meters));
    }

    /** Answers GET and HEAD of pages below WebFlux, as a decorator of the server's handler (see its javadoc). */
    @Bean
    PageHandler pageHandler(PlanHolder plans, FragmentResolver resolver, MeterRegistry meters, RequestIds requestIds,
                            PublicUrls publicUrls) {
        return new PageHandler(plans, new PageComposer(resolver, new PageMetrics(meters)), requestIds, publicUrls::controlOrigin);
    }

    @Bean
    RouterFunction<ServerResponse> pages(PageHandler pageHandler) {
        return pageHandler.routes();
    }

    /** The manifest's JSON Schema, for editors and teams' tooling. */
    @Bean
    RouterFunction<ServerResponse> manifestSchema() {
        return RouterFunctions.route(RequestPredicates.GET(ManifestSchema.PATH), request -> ServerResponse.ok()
                .contentType(MediaType.parseMediaType("application/schema+json"))
                .bodyValue(ManifestSchema.text()));
    }

    /** Refuses escaping paths and made-up methods under /fragments/ before any route is looked at. */
    @Bean
    ProxyPathFilter proxyPathFilter() {
        return new ProxyPathFilter();
    }

    /** The fragments' proxy: one route, which finds the fragment in the plan in force on every call. */
    @Bean
    RouteLocator fragmentRoutes(PlanHolder plans) {
        Route route = new ProxyRoutes(plans::current).route();
        return () -> Flux.just(route);
    }

    /** Tags the proxy's request timer with the fragment, since every fragment shares the one route. */
    @Bean
    ProxyTags proxyTags() {
        return new ProxyTags();
    }
}
