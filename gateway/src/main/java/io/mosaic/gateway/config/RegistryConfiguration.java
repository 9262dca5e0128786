package io.mosaic.gateway.config;

import io.mosaic.gateway.layout.Layouts;
import io.mosaic.gateway.origin.OriginPolicy;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.policy.TeamGrants;
import io.mosaic.gateway.registry.DocumentCheck;
import io.mosaic.gateway.registry.Registrations;
import io.mosaic.gateway.registry.RegistryHealthIndicator;
import io.mosaic.gateway.registry.RegistryProperties;
import io.mosaic.gateway.registry.RegistrySource;
import io.mosaic.gateway.registry.RegistryStore;
import io.mosaic.gateway.registry.WriteLimits;
import io.mosaic.gateway.reload.ManifestWatcher;
import io.mosaic.gateway.source.EffectiveManifest;
import io.mosaic.gateway.source.ManifestFileSource;
import io.mosaic.manifest.Trust;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of team-registered fragments: its store (H2 under ./data by default, PostgreSQL
 * through the standard {@code spring.datasource.*} properties; Flyway migrates either at start),
 * its place among the definition sources, and the rules of registration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

    /** After Flyway: the store's first query at start reads the migrated tables. */
    @Bean
    @DependsOnDatabaseInitialization
    RegistryStore registryStore(DataSource dataSource) {
        return new RegistryStore(JdbcClient.create(dataSource), new TransactionTemplate(new JdbcTransactionManager(dataSource)));
    }

    @Bean
    RegistrySource registrySource(RegistryStore store, DataSource dataSource) {
        return new RegistrySource(store, "registry (" + describe(dataSource) + ")");
    }

    @Bean
    EffectiveManifest effectiveManifest(GatewayProperties properties, Layouts layouts, RegistrySource registry) {
        return new EffectiveManifest(new ManifestFileSource(properties.manifest()), List.of(registry), layouts.catalog());
    }

    /**
     * What the operator grants each team's registered fragments (mosaic.registry.teams.TEAM.max-trust
     * and .may-receive), asked by the registration check and by every plan compile.
     */
    @Bean
    TeamGrants teamGrants(RegistryProperties registry, Environment environment) {
        String sessionCookie = environment.getProperty("server.reactive.session.cookie.name", "SESSION");
        return new TeamGrants() {
            @Override
            public Trust maxTrust(String team) {
                return registry.maxTrust(team);
            }

            @Override
            public Set<String> mayReceive(String team) {
                return registry.mayReceive(team);
            }

            @Override
            public String sessionCookie() {
                return sessionCookie;
            }
        };
    }

    /** Every team's (and the admin's) changes per minute, whichever door they come through. */
    @Bean
    WriteLimits writeLimits(RegistryProperties properties) {
        return new WriteLimits(properties.writesPerMinute());
    }

    @Bean
    Registrations registrations(RegistryStore store, EffectiveManifest effective, PlanHolder plans, ManifestWatcher watcher,
                                OriginPolicy originPolicy, TeamGrants teamGrants, WriteLimits writeLimits, JsonMapper json) {
        return new Registrations(store, new DocumentCheck(effective, originPolicy::refusal, teamGrants), plans, watcher,
                writeLimits, json, Clock.systemUTC());
    }

    @Bean
    RegistryHealthIndicator registryHealthIndicator(ManifestWatcher watcher, RegistrySource registry) {
        return new RegistryHealthIndicator(watcher, registry.describe());
    }

    private static String describe(DataSource dataSource) {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            String url = hikari.getJdbcUrl();
            int parameters = url.indexOf(';');
            return parameters < 0 ? url : url.substring(0, parameters);
        }
        return dataSource.getClass().getSimpleName();
    }
}
