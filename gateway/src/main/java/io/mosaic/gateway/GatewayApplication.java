package io.mosaic.gateway;

import io.mosaic.gateway.config.GatewayProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The composition gateway. Start it with
 * {@code java @jvm.args -jar gateway.jar --manifest=PATH --server.port=N} ({@code jvm.args}, the JVM
 * settings, is packaged next to the jar).
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
