package io.mosaic.gateway.registry.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.gateway.registry.RegistryProperties;
import io.mosaic.gateway.server.ControlPlane;
import io.mosaic.manifest.GatewayPaths;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security for the registration API ({@code /api/**}): stateless bearer tokens (a team's
 * or the admin's, or a JWT when a key is configured), the audit log for admins only, 401 and 403
 * as problem details. A second chain guards the actuator: health for everyone (its details for
 * admins), metrics for the admin's or the metrics scraper's token. Pages and proxy routes are outside both chains, so the page hot path
 * passes no security filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class ApiSecurityConfiguration {

    /** Token guessing throttled per client address, before any security chain compares a token. */
    @Bean
    SignInThrottle signInThrottle(ControlPlane.Settings control, MeterRegistry meters) {
        return new SignInThrottle(control.signIn().maxFailures(), control.signIn().window(), meters, System::nanoTime);
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain registryApi(ServerHttpSecurity http, RegistryProperties properties,
                                       ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        JsonMapper json = JsonMapper.builder().build();
        TokenAuthentication tokens = new TokenAuthentication(properties, jwtDecoder.getIfAvailable());
        ServerAuthenticationEntryPoint unauthorized = (exchange, error) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mosaic\"");
            return Problems.write(exchange.getResponse(), json, 401, "Unauthorized",
                    "send Authorization: Bearer <your team's token>: " + error.getMessage(),
                    exchange.getRequest().getPath().value());
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> Problems.write(exchange.getResponse(), json, 403,
                "Forbidden", "this needs an admin token", exchange.getRequest().getPath().value());
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(GatewayPaths.API + "/**"))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/audit", "/api/audit/**").hasRole("ADMIN")
                        .anyExchange().hasAnyRole("TEAM", "ADMIN"))
                .oauth2ResourceServer(resource -> resource
                        .authenticationManagerResolver(exchange -> Mono.just(tokens))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    /**
     * The actuator: health (and its probes) and info answer anyone, a load balancer included;
     * {@code management.endpoint.health.roles=ADMIN} shows health's details to an admin caller
     * only. Everything else, {@code /actuator/prometheus} above all (it names every origin's
     * address and the gateway's file system), needs the admin's token or the operator's metrics
     * token ({@code mosaic.control.metrics.token-sha256}); a team's token is 403, none or a wrong
     * one 401.
     */
    @Bean
    @Order(2)
    SecurityWebFilterChain actuator(ServerHttpSecurity http, RegistryProperties properties, ControlPlane.Settings control,
                                    ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        ActuatorAuthentication tokens = new ActuatorAuthentication(control.metrics().tokenSha256(),
                new TokenAuthentication(properties, jwtDecoder.getIfAvailable()));
        String actuator = GatewayPaths.ACTUATOR;
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(actuator, actuator + "/**"))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(actuator + "/health", actuator + "/health/**", actuator + "/info").permitAll()
                        .anyExchange().hasAnyRole("ADMIN", ActuatorAuthentication.METRICS_ROLE))
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(exchange -> Mono.just(tokens)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }
}
