package io.mosaic.gateway.server;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own HTTP server, bounded against clients that hold connections or send too much:
 * Spring Boot's {@code server.*} properties set the idle timeout and the size limits of the
 * request line and headers (see application.properties); this adds what Boot has no property
 * for, a deadline for a request head to arrive ({@code mosaic.server.header-read-timeout}), and
 * refuses requests whose framing could be read two ways ({@link FramingGuard}). The control
 * port's server copies these customizers ({@link ControlServer}), so both ports hold the same.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServerLimits.Settings.class)
public class ServerLimits {

    /**
     * @param headerReadTimeout how long a request's line and headers may take to arrive, from
     *                          their first byte (default 10s); 0 turns it off
     */
    @ConfigurationProperties(prefix = "mosaic.server")
    public record Settings(Duration headerReadTimeout) {

        public Settings {
            headerReadTimeout = headerReadTimeout == null ? Duration.ofSeconds(10) : headerReadTimeout;
        }
    }

    @Bean
    NettyServerCustomizer keepAliveReads() {
        return server -> server.doOnChannelInit((observer, channel, address) -> KeepAliveReads.install(channel));
    }

    @Bean
    NettyServerCustomizer requestFraming() {
        return server -> server.doOnChannelInit((observer, channel, address) -> FramingGuard.install(channel));
    }

    @Bean
    NettyServerCustomizer headerReadTimeout(Settings settings) {
        Duration timeout = settings.headerReadTimeout();
        if (timeout.isZero() || timeout.isNegative()) {
            return server -> server;
        }
        return server -> server.doOnChannelInit((observer, channel, address) -> HeaderReadTimeout.install(channel, timeout));
    }
}
