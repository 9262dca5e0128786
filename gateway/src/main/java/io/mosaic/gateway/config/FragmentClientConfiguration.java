package io.mosaic.gateway.config;

import io.mosaic.gateway.fetch.FragmentFetcher;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The client that fetches fragments: its own bounded, keep-alive connection pool and short
 * connect timeout, separate from the proxy routes' client so page composition and browser API
 * calls cannot starve each other. Each fragment's deadline is applied per fetch on top.
 */
@Configuration(proxyBeanMethods = false)
class FragmentClientConfiguration {

    @Bean(destroyMethod = "dispose")
    ConnectionProvider fragmentConnections(GatewayProperties properties) {
        GatewayProperties.Client client = properties.client();
        return ConnectionProvider.builder("fragments")
                .maxConnections(client.maxConnections())
                .pendingAcquireMaxCount(client.pendingAcquireMaxCount())
                .pendingAcquireTimeout(client.pendingAcquireTimeout())
                .maxIdleTime(client.maxIdleTime())
                .maxLifeTime(Duration.ofMinutes(5))
                .evictInBackground(Duration.ofSeconds(30))
                // reactor.netty.connection.provider.* gauges (active, idle, pending, total) at /actuator/prometheus
                .metrics(true)
                .build();
    }

    @Bean
    FragmentFetcher fragmentFetcher(ConnectionProvider fragmentConnections, GatewayProperties properties) {
        HttpClient http = HttpClient.create(fragmentConnections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.client().connectTimeout().toMillis())
                .followRedirect(false)
                .keepAlive(true)
                // A safety net only: every fetch has its fragment's whole deadline, which is shorter.
                .responseTimeout(Duration.ofSeconds(60));
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return new FragmentFetcher(client);
    }
}
