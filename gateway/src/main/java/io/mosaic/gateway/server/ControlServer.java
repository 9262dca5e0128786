package io.mosaic.gateway.server;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * The control port's listener: a second Reactor Netty server in front of the same handler as
 * the pages' port (WebFlux, Spring Security, the console, the API, the actuator), started and
 * stopped with the pages' server. It is built from the pages' server factory as Spring Boot
 * configured it, so both ports have the same limits: the header-read timeout, the idle timeout,
 * the request-line and header sizes, the keep-alive fix, TLS and HTTP/2 settings. Which port
 * serves which path is {@link Origins}'s decision. Once listening, its port is published as
 * {@code local.control.port}, as Spring Boot publishes {@code local.server.port}.
 */
public final class ControlServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final ControlPlane.Settings settings;
    private final NettyReactiveWebServerFactory pagesFactory;
    private final ReactorResourceFactory resources;
    private final ObjectProvider<HttpHandler> handler;
    private final ConfigurableEnvironment environment;
    private volatile WebServer server;
    private volatile int port = -1;

    ControlServer(ControlPlane.Settings settings, NettyReactiveWebServerFactory pagesFactory,
                  ObjectProvider<HttpHandler> handler, ReactorResourceFactory resources, ConfigurableEnvironment environment) {
        this.settings = settings;
        this.pagesFactory = pagesFactory;
        this.handler = handler;
        this.resources = resources;
        this.environment = environment;
    }

    /** The port the control origin listens on; -1 until it does. */
    public int port() {
        return port;
    }

    @Override
    public void start() {
        int pagesPort = environment.getProperty("local.server.port", Integer.class, pagesFactory.getPort());
        if (settings.port() != 0 && settings.port() == pagesPort) {
            throw new IllegalStateException("mosaic.control.port must differ from server.port (both are " + pagesPort
                    + "): the console and the API must not share an origin with the teams' pages");
        }
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(settings.port());
        factory.setAddress(settings.address() != null ? settings.address() : pagesFactory.getAddress());
        factory.setServerCustomizers(pagesFactory.getServerCustomizers());
        factory.setSsl(pagesFactory.getSsl());
        factory.setSslBundles(pagesFactory.getSslBundles());
        factory.setHttp2(pagesFactory.getHttp2());
        factory.setCompression(pagesFactory.getCompression());
        factory.setShutdown(pagesFactory.getShutdown());
        if (resources != null) {
            factory.setResourceFactory(resources);
        }
        WebServer started = factory.getWebServer(handler.getObject());
        started.start();
        server = started;
        port = started.getPort();
        environment.getPropertySources().addFirst(new MapPropertySource("mosaic.control", Map.of("local.control.port", port)));
        log.info("control origin (console, registration API, actuator) on port {}", port);
    }

    @Override
    public void stop() {
        WebServer running = server;
        if (running != null) {
            running.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** With the pages' server: after the context is refreshed, before the application is ready. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE;
    }
}
