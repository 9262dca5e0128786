package io.mosaic.gateway.registry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The registration API with JWTs from the organisation's identity provider beside the static
 * team tokens: the gateway trusts a local public key, the test signs tokens with its private key.
 * A JWT's team claim makes it that team, the admin scope makes it an admin, and every JWT the
 * gateway cannot trust or cannot place in a team is a 401 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RegistryJwtTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/widget", "<p class=\"w\">Widget</p>");
    static final String PEOPLE = "people-token-0123456789";
    static final String BILLING = "billing-token-0123456789";
    static final String ADMIN = "admin-token-0123456789";
    /** The identity provider's key: the gateway gets only its public half. */
    static final RSAKey PROVIDER = rsaKey("provider");
    /** A key the gateway was never told about. */
    static final RSAKey STRANGER = rsaKey("stranger");

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: header, team: platform, url: "%s/widget"}
                pages:
                  - path: /admin
                    layout: dashboard
                    slots: {header: header, widgets: {open: true, max: 3}}
                """.formatted(ORIGIN.url("")));
        Path key = Files.createTempFile("provider", ".pem");
        String encoded = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(PROVIDER.toRSAPublicKey().getEncoded());
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n" + encoded + "\n-----END PUBLIC KEY-----\n");
        registry.add("mosaic.manifest", file::toString);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> key.toUri().toString());
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(PEOPLE));
        registry.add("mosaic.registry.teams.billing.token-sha256", () -> Tokens.sha256(BILLING));
        registry.add("mosaic.registry.admin.token-sha256", () -> Tokens.sha256(ADMIN));
        // The test origin is on loopback, which the origin policy refuses unless the operator allows it.
        registry.add("mosaic.registry.allowed-origins", () -> ORIGIN.url(""));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT with these claims, signed by this key, valid from a minute ago until {@code expires}. */
    static String jwt(RSAKey key, Instant expires, Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer("https://id.example.org")
                .subject("someone@example.org")
                .issueTime(Date.from(expires.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expires));
        claims.forEach(set::claim);
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), set.build());
        try {
            signed.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return signed.serialize();
    }

    static String jwt(Map<String, Object> claims) {
        return jwt(PROVIDER, Instant.now().plus(Duration.ofMinutes(5)), claims);
    }

    WebTestClient web;

    /** The registration API is on the control origin. */
    @Autowired
    void client(org.springframework.core.env.Environment environment) {
        web = ApiClients.control(environment);
    }

    String widget(String name, String team) {
        return """
                {"name": "%s", "team": "%s", "url": "%s/widget", "timeout": "800ms",
                 "fallback": "<p>%s is unavailable</p>"}""".formatted(name, team, ORIGIN.url(""), name);
    }

    WebTestClient.ResponseSpec create(String name, String team, String token) {
        return web.put().uri("/api/fragments/{name}", name).contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + token).header("If-None-Match", "*")
                .bodyValue(widget(name, team)).exchange();
    }

    WebTestClient.ResponseSpec audit(String token) {
        return web.get().uri("/api/audit").header("Authorization", "Bearer " + token).exchange();
    }

    void assertUnauthorized(String token) {
        create("never-stored", "people", token).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"mosaic\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void aJwtNamingATeamActsForThatTeamOnly() {
        String people = jwt(Map.of("team", "people"));
        create("jwt-card", "people", people).expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.team").isEqualTo("people")
                .jsonPath("$.updatedBy").isEqualTo("team:people");
        create("jwt-billing-card", "billing", people).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("team");
        web.get().uri("/api/fragments/jwt-billing-card").header("Authorization", "Bearer " + people).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void onlyAJwtWithTheAdminScopeReadsTheAuditLog() {
        audit(jwt(Map.of("scope", "openid mosaic:admin"))).expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
        audit(jwt(Map.of("team", "people"))).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // A scope that merely contains the admin scope's text is not the admin scope.
        audit(jwt(Map.of("team", "people", "scope", "openid mosaic:admin-readonly"))).expectStatus().isForbidden();
    }

    @Test
    void anExpiredJwtIsRefused() {
        assertUnauthorized(jwt(PROVIDER, Instant.now().minus(Duration.ofHours(1)), Map.of("team", "people")));
    }

    @Test
    void aJwtSignedByAnotherKeyIsRefused() {
        assertUnauthorized(jwt(STRANGER, Instant.now().plus(Duration.ofMinutes(5)), Map.of("team", "people")));
    }

    @Test
    void aJwtThatNamesNoUsableTeamIsRefused() {
        assertUnauthorized(jwt(Map.of("department", "people")));
        assertUnauthorized(jwt(Map.of("team", "Not A Team!")));
        assertUnauthorized(jwt(Map.of("team", 42)));
    }

    @Test
    void theStaticTokensKeepWorkingBesideJwts() {
        create("static-card", "people", PEOPLE).expectStatus().isCreated()
                .expectBody().jsonPath("$.updatedBy").isEqualTo("team:people");
        create("static-not-mine", "people", BILLING).expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("team");
        audit(ADMIN).expectStatus().isOk();
        audit(BILLING).expectStatus().isForbidden();
        assertUnauthorized("not-a-known-token");
        assertUnauthorized("looks.like.a-jwt");
    }
}
