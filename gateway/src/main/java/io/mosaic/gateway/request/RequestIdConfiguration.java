package io.mosaic.gateway.request;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The request id filter. When Reactor's automatic context propagation is on
 * ({@code spring.reactor.context-propagation=auto}, off by default for its cost), also
 * context-propagation's MDC accessor for the keys the filter then writes into the Reactor Context.
 */
@Configuration(proxyBeanMethods = false)
class RequestIdConfiguration {

    @Bean
    RequestIds requestIds(Environment environment) {
        boolean automatic = "auto".equalsIgnoreCase(environment.getProperty("spring.reactor.context-propagation", "limited"));
        if (automatic) {
            // Replaces an earlier registration under the same key: safe when several contexts start in one JVM.
            ContextRegistry.getInstance().registerThreadLocalAccessor(
                    new Slf4jThreadLocalAccessor(RequestIds.REQUEST_ID, RequestIds.TRACE_ID));
        }
        return new RequestIds(automatic);
    }
}
