package io.mosaic.fragments.contract;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * The fragment contract for the app that imports this class: the version header on every
 * response, {@code GET /health}, {@code fragment} in every view's model, and the defaults in
 * {@code fragment-contract.properties} beside this class (fragments as
 * {@code text/html;charset=UTF-8}; static files under {@code /assets/**} from
 * {@code classpath:/static/NAME/} only; team, version and port from the demo's table,
 * {@code demo-console.properties}, by the app's {@code fragment.name}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FragmentIdentity.class)
@PropertySource(value = {"classpath:demo-console.properties", "classpath:io/mosaic/fragments/contract/fragment-contract.properties"},
        encoding = "UTF-8")
public class FragmentContractConfiguration {

    @Bean
    WebFilter fragmentVersionHeader(FragmentIdentity identity) {
        return new VersionHeaderFilter(identity.version());
    }

    @Bean
    RouterFunction<ServerResponse> fragmentHealth(FragmentIdentity identity) {
        return HealthEndpoint.routes(identity);
    }

    @Bean
    FragmentModelAdvice fragmentModelAdvice(FragmentIdentity identity) {
        return new FragmentModelAdvice(identity);
    }

}
