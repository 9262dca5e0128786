package io.mosaic.gateway.server;

import java.net.InetAddress;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * The gateway listens on two origins: the pages' port ({@code server.port}), where every team's
 * HTML, scripts and proxied APIs are served, and a control port ({@code mosaic.control.port}),
 * where the console, the registration API and the actuator are served, and nothing of a team's.
 * Same-origin is the only wall a browser enforces: a script on an origin can read everything else
 * on it, so the console must not share an origin with any team's code. Operators can put the
 * control port on its own host name or behind their VPN.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControlPlane.Settings.class)
public class ControlPlane {

    /**
     * @param port the control port (default 8081; 0 picks a free one, published as {@code local.control.port})
     * @param address the address the control port binds to; unset: the same as {@code server.address}
     *                (every interface when that is unset too)
     * @param signIn how failed sign-ins are throttled
     * @param metrics who may scrape {@code /actuator/prometheus} besides the admin
     * @param url the control origin as browsers reach it ({@code https://console.example.com}), when it is not the
     *            pages' host name on the control port: pages let it frame them (the console's page previews)
     * @param pagesUrl the pages' origin as browsers reach it ({@code https://admin.example.com}), when it is not the
     *                 console's host name on the pages' port: the console previews and links pages there
     */
    @ConfigurationProperties(prefix = "mosaic.control")
    public record Settings(Integer port, InetAddress address, SignIn signIn, Metrics metrics, java.net.URI url, java.net.URI pagesUrl) {

        public Settings {
            port = port == null ? 8081 : port;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("mosaic.control.port must be 0 (a free port) or 1 to 65535, got " + port);
            }
            signIn = signIn == null ? new SignIn(null, null) : signIn;
            metrics = metrics == null ? new Metrics(null) : metrics;
        }
    }

    /**
     * The metrics scraper's token: {@code /actuator/prometheus} names every fragment's origin
     * address and the gateway's file system, so it answers only the admin's token or this one,
     * which opens nothing else.
     *
     * @param tokenSha256 the SHA-256 (64 hex digits) of the token Prometheus sends as
     *                    {@code Authorization: Bearer TOKEN}; unset: the admin's token only
     */
    public record Metrics(String tokenSha256) {
    }

    /**
     * Failed sign-ins (a wrong token on the console's form or as a bearer token) a client address
     * may make before its next attempts are answered 429.
     *
     * @param maxFailures failures within the window that throttle the address (default 10)
     * @param window how long a failure counts (default 1m); the address may try again once its oldest counted failure is this old
     */
    public record SignIn(Integer maxFailures, java.time.Duration window) {
        public SignIn {
            maxFailures = maxFailures == null ? 10 : maxFailures;
            window = window == null ? java.time.Duration.ofMinutes(1) : window;
        }
    }

    @Bean
    ControlServer controlServer(Settings settings, NettyReactiveWebServerFactory pagesFactory,
                                ObjectProvider<ReactorResourceFactory> resources, ObjectProvider<HttpHandler> httpHandler,
                                ConfigurableEnvironment environment) {
        // The handler is asked for at start: it is built from the decorators, Origins among them.
        return new ControlServer(settings, pagesFactory, httpHandler, resources.getIfAvailable(), environment);
    }

    @Bean
    PublicUrls publicUrls(Settings settings, ControlServer controlServer, ConfigurableEnvironment environment) {
        return new PublicUrls(settings.url(), settings.pagesUrl(), controlServer::port,
                () -> environment.getProperty("local.server.port", Integer.class, -1));
    }

    /** Outermost around the server's handler: decides which port serves a request before anything else runs. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Origins origins(ControlServer controlServer) {
        return new Origins(controlServer::port);
    }
}
