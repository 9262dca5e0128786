package io.mosaic.gateway.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's exceptions to the origin policy. Other settings under {@code mosaic.registry}
 * are bound elsewhere.
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}) that registered fragments may use
 *        even though they resolve to loopback, private or other non-public addresses, such as
 *        {@code http://members.internal:8080}; empty by default
 */
@ConfigurationProperties(prefix = "mosaic.registry")
public record OriginProperties(List<String> allowedOrigins) {

    public OriginProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
