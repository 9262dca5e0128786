package io.mosaic.gateway.request;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request id filter, and context-propagation's MDC accessor for the keys it writes. With
 * {@code spring.reactor.context-propagation=auto} (application.properties) Reactor moves them from
 * the Reactor Context into the MDC around every signal of the request.
 */
@Configuration(proxyBeanMethods = false)
class RequestIdConfiguration {

    RequestIdConfiguration() {
        // Replaces an earlier registration under the same key: safe when several contexts start in one JVM.
        ContextRegistry.getInstance().registerThreadLocalAccessor(
                new Slf4jThreadLocalAccessor(RequestIds.REQUEST_ID, RequestIds.TRACE_ID));
    }

    @Bean
    RequestIds requestIds() {
        return new RequestIds();
    }
}
