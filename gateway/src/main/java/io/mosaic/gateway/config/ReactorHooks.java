package io.mosaic.gateway.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Hooks;

/**
 * A gateway cancels fetches at their deadlines all day long, and a fetch that fails just as it
 * is cancelled has nobody left to tell. Reactor would log each such error at ERROR with a stack
 * trace; here it is expected, so it is logged at debug. The outcome itself was already decided,
 * counted and logged once where the deadline fired.
 */
@Configuration(proxyBeanMethods = false)
class ReactorHooks {

    private static final Logger log = LoggerFactory.getLogger(ReactorHooks.class);

    @PostConstruct
    void quietDroppedErrors() {
        Hooks.onErrorDropped(error -> log.debug("error after cancellation: {}", error.toString()));
    }

    @PreDestroy
    void reset() {
        Hooks.resetOnErrorDropped();
    }
}
