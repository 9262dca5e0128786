package io.mosaic.gateway.config;

import io.mosaic.gateway.fetch.FragmentFetcher;
import io.mosaic.gateway.fetch.LoopLocalClients;
import io.mosaic.gateway.origin.OriginGuard;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The client that fetches fragments: bounded keep-alive pools (one per event loop) and a short
 * connect timeout, separate from the proxy routes' client so page composition and browser API
 * calls cannot starve each other. Each fragment's deadline is applied per fetch on top. Every
 * connection is judged by the origin policy ({@link OriginGuard}).
 */
@Configuration(proxyBeanMethods = false)
class FragmentClientConfiguration {

    @Bean(destroyMethod = "dispose")
    LoopLocalClients fragmentClients(GatewayProperties properties, OriginGuard originGuard) {
        GatewayProperties.Client client = properties.client();
        return new LoopLocalClients(
                name -> ConnectionProvider.builder(name)
                        .maxConnections(client.maxConnections())
                        .pendingAcquireMaxCount(client.pendingAcquireMaxCount())
                        .pendingAcquireTimeout(client.pendingAcquireTimeout())
                        .maxIdleTime(client.maxIdleTime())
                        .maxLifeTime(Duration.ofMinutes(5))
                        .evictInBackground(Duration.ofSeconds(30))
                        // reactor.netty.connection.provider.* gauges (active, idle, pending, total) at /actuator/prometheus
                        .metrics(true)
                        .build(),
                provider -> originGuard.apply(HttpClient.create(provider))
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) client.connectTimeout().toMillis())
                        .followRedirect(false)
                        .keepAlive(true)
                        // A safety net only: every fetch has its fragment's whole deadline, which is shorter.
                        .responseTimeout(Duration.ofSeconds(60)));
    }

    @Bean
    FragmentFetcher fragmentFetcher(LoopLocalClients fragmentClients) {
        return new FragmentFetcher(fragmentClients);
    }
}
