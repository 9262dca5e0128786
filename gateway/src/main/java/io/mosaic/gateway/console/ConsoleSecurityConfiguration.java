package io.mosaic.gateway.console;

import io.mosaic.gateway.registry.RegistryProperties;
import io.mosaic.gateway.registry.api.TokenAuthentication;
import io.mosaic.gateway.server.PublicUrls;
import io.mosaic.manifest.GatewayPaths;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Spring Security for the console ({@code /console/**}): a sign-in form that takes a team's or the
 * admin's token (the registration API's tokens, checked the same way), then a session cookie
 * (HttpOnly, SameSite=Strict, Secure on HTTPS, path /console); CSRF protection on every
 * state-changing request; {@code Authorization: Bearer} accepted too. Browsers without a session
 * are sent to the sign-in page, other clients get 401.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String LOGIN = GatewayPaths.CONSOLE_LOGIN;

    /** Every console response's Content-Security-Policy, with a nonce of its own. */
    @Bean
    ConsoleHeaders consoleHeaders(PublicUrls urls) {
        return new ConsoleHeaders(urls);
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain console(ServerHttpSecurity http, RegistryProperties properties,
                                   ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        TokenAuthentication tokens = new TokenAuthentication(properties, jwtDecoder.getIfAvailable());
        MediaTypeServerWebExchangeMatcher browsers = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(browsers,
                        new RedirectServerAuthenticationEntryPoint(LOGIN)));
        entryPoint.setDefaultEntryPoint((exchange, error) -> {
            exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mosaic console\"");
            return Mono.empty();
        });
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(GatewayPaths.CONSOLE, GatewayPaths.CONSOLE + "/**"))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(LOGIN, "/console/assets/**").permitAll()
                        .pathMatchers("/console/audit", "/console/fragments/*/breaker").hasRole("ADMIN")
                        .anyExchange().hasAnyRole("TEAM", "ADMIN"))
                .formLogin(form -> form
                        .loginPage(LOGIN)
                        .authenticationManager(tokens)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/console"))
                        .authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler(LOGIN + "?error")))
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(exchange -> Mono.just(tokens)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .logout(logout -> logout.logoutUrl("/console/logout")
                        .logoutSuccessHandler(logoutSuccess()))
                .csrf(csrf -> { })
                .build();
    }

    private static RedirectServerLogoutSuccessHandler logoutSuccess() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create(LOGIN + "?signed-out"));
        return handler;
    }

}
