package io.mosaic.gateway.config;

import io.mosaic.gateway.origin.HostResolver;
import io.mosaic.gateway.origin.OriginGuard;
import io.mosaic.gateway.origin.OriginPolicy;
import io.mosaic.gateway.origin.TrustedOrigins;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.manifest.Origin;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/**
 * The origin policy and where it is enforced: the registration API asks {@link OriginPolicy}
 * before it stores a fragment, and both HTTP clients (the fragment fetches' and Spring Cloud
 * Gateway's proxy client, through {@link HttpClientCustomizer}) ask it before every connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OriginProperties.class)
class OriginPolicyConfiguration {

    @Bean
    HostResolver hostResolver() {
        return HostResolver.system();
    }

    /**
     * The origins of the manifest file's fragments, which the operator wrote; registered
     * fragments' origins are not trusted. Computed once per plan.
     */
    @Bean
    TrustedOrigins trustedOrigins(PlanHolder plans) {
        AtomicReference<PlanOrigins> cached = new AtomicReference<>();
        return () -> {
            CompositionPlan plan = plans.current();
            PlanOrigins known = cached.get();
            if (known == null || known.plan() != plan) {
                known = new PlanOrigins(plan, plan.fragments().values().stream()
                        .filter(fragment -> !plan.isRegistered(fragment.name()))
                        .map(fragment -> Origin.of(fragment.definition().url()))
                        .collect(Collectors.toUnmodifiableSet()));
                cached.set(known);
            }
            return known.origins();
        };
    }

    private record PlanOrigins(CompositionPlan plan, Set<String> origins) {
    }

    @Bean
    OriginPolicy originPolicy(OriginProperties properties, HostResolver hostResolver, TrustedOrigins trustedOrigins) {
        return new OriginPolicy(properties.allowedOrigins(), hostResolver, trustedOrigins::origins);
    }

    /** Host names are resolved on Reactor's bounded elastic threads: the resolver blocks. */
    @Bean(destroyMethod = "close")
    OriginGuard originGuard(OriginPolicy originPolicy) {
        return new OriginGuard(originPolicy, task -> Schedulers.boundedElastic().schedule(task));
    }

    /** Spring Cloud Gateway's proxy client, guarded like the fragment clients. */
    @Bean
    HttpClientCustomizer originGuardedProxyClient(OriginGuard originGuard) {
        return originGuard::apply;
    }
}
