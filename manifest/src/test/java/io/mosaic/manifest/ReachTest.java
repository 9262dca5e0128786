package io.mosaic.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one list of what may reach a fragment, as the validator, page fetches and the proxy ask it. */
class ReachTest {

    private static final String SESSION = "SESSION";

    @ParameterizedTest
    @ValueSource(strings = {"Host", "content-length", "Transfer-Encoding", "connection", "Keep-Alive", "upgrade", "TE",
            "trailer", "Cookie", "Proxy-Authorization", "proxy-anything"})
    void theGatewaysOwnHeadersAreNeverDeclared(String header) {
        assertThat(Reach.kind(header)).isEqualTo(Reach.Kind.NEVER);
        assertThat(Reach.headerProblem(header)).get().asString().startsWith("header '" + header + "' is never forwarded: ");
        assertThat(Reach.registeredHeaderProblem(header, "people", Set.of(header.toLowerCase()))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "X-Auth-Request-Access-Token", "x-auth-request-id-token", "X-Auth-Request-Session",
            "X-Forwarded-For", "x-forwarded-host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP"})
    void credentialsAndTheUsersConnectionAreTheOperatorsToGrant(String header) {
        assertThat(Reach.kind(header)).isEqualTo(Reach.Kind.CREDENTIAL);
        assertThat(Reach.headerProblem(header)).as("the operator's own file may declare it").isEmpty();
        assertThat(Reach.registeredHeaderProblem(header, "people", Set.of())).get().asString()
                .startsWith("header '" + header + "' ")
                .endsWith("; a registered fragment may receive it only if the operator grants it to team people with "
                        + "mosaic.registry.teams.people.may-receive=" + header);
        assertThat(Reach.registeredHeaderProblem(header, "people", Set.of(header.toLowerCase()))).isEmpty();
        assertThat(Reach.registeredHeaderProblem(header, "people", Set.of("x-other"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-User", "X-Auth-Request-User", "X-Auth-Request-Email", "x-auth-request-groups",
            "X-Auth-Request-Preferred-Username"})
    void anSsoProxysIdentityMayBeDeclaredByAnyone(String header) {
        assertThat(Reach.kind(header)).isEqualTo(Reach.Kind.IDENTITY);
        assertThat(Reach.headerProblem(header)).isEmpty();
        assertThat(Reach.registeredHeaderProblem(header, "people", Set.of())).isEmpty();
    }

    @Test
    void theReasonSaysWhyAndHowToGrant() {
        assertThat(Reach.registeredHeaderProblem("Authorization", "people", Set.of())).contains("header 'Authorization' carries "
                + "the user's credentials; a registered fragment may receive it only if the operator grants it to team people "
                + "with mosaic.registry.teams.people.may-receive=Authorization");
        assertThat(Reach.registeredHeaderProblem("X-Auth-Request-Access-Token", "people", Set.of())).contains("header "
                + "'X-Auth-Request-Access-Token' carries the user's SSO access token, a credential; a registered fragment may "
                + "receive it only if the operator grants it to team people with "
                + "mosaic.registry.teams.people.may-receive=X-Auth-Request-Access-Token");
        assertThat(Reach.registeredHeaderProblem("X-Auth-Request-Session", "t", Set.of())).contains("header 'X-Auth-Request-Session' "
                + "is set by the SSO proxy and may carry the user's credentials (only -User, -Email, -Groups and "
                + "-Preferred-Username are identity any fragment may receive); a registered fragment may receive it only if "
                + "the operator grants it to team t with mosaic.registry.teams.t.may-receive=X-Auth-Request-Session");
        assertThat(Reach.registeredHeaderProblem("X-Forwarded-For", "t", Set.of())).contains("header 'X-Forwarded-For' describes "
                + "the user's connection (address, host, scheme) as the proxies in front of the gateway saw it (only "
                + "X-Forwarded-User is identity any fragment may receive); a registered fragment may receive it only if the "
                + "operator grants it to team t with mosaic.registry.teams.t.may-receive=X-Forwarded-For");
        assertThat(Reach.registeredHeaderProblem("X-Real-IP", "t", Set.of())).get().asString()
                .startsWith("header 'X-Real-IP' carries the user's network address; ");
        assertThat(Reach.headerProblem("Keep-Alive")).contains("header 'Keep-Alive' is never forwarded: it is a hop-by-hop "
                + "header: it describes one connection and never travels further");
        assertThat(Reach.headerProblem("x tenant")).contains("'x tenant' is not a header name: use letters, digits and "
                + "!#$%&'*+-.^_`|~ (an RFC 9110 token)");
    }

    @Test
    void anyOtherHeaderMayBeDeclaredByAnyone() {
        assertThat(Reach.kind("X-Tenant")).isEqualTo(Reach.Kind.OTHER);
        assertThat(Reach.registeredHeaderProblem("X-Tenant", "people", Set.of())).isEmpty();
        assertThat(Reach.kind("X-Forwarded")).as("no dash: not an X-Forwarded-* header").isEqualTo(Reach.Kind.OTHER);
    }

    @Test
    void theGatewaysOwnCookiesReachARegisteredFragmentOnlyWhenGranted() {
        assertThat(Reach.registeredCookieProblem("mosaic-csrf", "people", Set.of(), SESSION)).contains("cookie 'mosaic-csrf' is "
                + "the gateway's own (mosaic-*); a registered fragment may receive it only if the operator grants it to team "
                + "people with mosaic.registry.teams.people.may-receive=mosaic-csrf");
        assertThat(Reach.registeredCookieProblem("Mosaic-Theme", "people", Set.of(), SESSION)).isPresent();
        assertThat(Reach.registeredCookieProblem("SESSION", "people", Set.of(), SESSION)).contains("cookie 'SESSION' is the "
                + "gateway's console session, a credential; a registered fragment may receive it only if the operator grants it "
                + "to team people with mosaic.registry.teams.people.may-receive=SESSION");
        assertThat(Reach.registeredCookieProblem("mosaic-csrf", "people", Set.of("mosaic-csrf"), SESSION)).isEmpty();
        assertThat(Reach.registeredCookieProblem("session", "people", Set.of("session"), SESSION)).isEmpty();
        assertThat(Reach.registeredCookieProblem("prefs", "people", Set.of(), SESSION)).isEmpty();
        assertThat(Reach.registeredCookieProblem("a b", "people", Set.of(), SESSION)).contains("'a b' is not a cookie name: use "
                + "letters, digits and !#$%&'*+-.^_`|~ (an RFC 6265 token)");
        assertThat(Reach.cookieProblem("mosaic-csrf")).as("the operator's own file may declare it").isEmpty();
    }

    @Test
    void aRegisteredFragmentsForwardIsCheckedEntryByEntry() {
        Forwarding forward = new Forwarding(QuerySelection.ALL, List.of("prefs", "mosaic-csrf"),
                List.of("X-Tenant", "Authorization", "X-Auth-Request-Email"));
        assertThat(Reach.registeredProblems(forward, "people", Set.of(), SESSION)).containsExactly(
                entry("forward.headers[1]", Reach.registeredHeaderProblem("authorization", "people", Set.of()).orElseThrow()),
                entry("forward.cookies[1]", Reach.registeredCookieProblem("mosaic-csrf", "people", Set.of(), SESSION).orElseThrow()));
        assertThat(Reach.registeredProblems(forward, "people", Set.of("authorization", "mosaic-csrf"), SESSION)).isEmpty();
    }

    @Test
    void whatReachesEveryFragmentUndeclaredIsNeitherACredentialNorTheUsersIdentity() {
        Stream.concat(Reach.PAGE_FETCH.stream(), Reach.PROXY_REQUEST.stream()).forEach(header ->
                assertThat(Reach.kind(header)).as(header).isIn(Reach.Kind.OTHER, Reach.Kind.NEVER));
        assertThat(Reach.PAGE_FETCH).containsExactly("accept-language", "user-agent", "referer", "traceparent", "tracestate",
                "x-request-id");
        assertThat(Reach.PROXY_ANSWER).doesNotContain("set-cookie", "location", "strict-transport-security",
                "access-control-allow-origin", "clear-site-data", "service-worker-allowed");
    }
}
