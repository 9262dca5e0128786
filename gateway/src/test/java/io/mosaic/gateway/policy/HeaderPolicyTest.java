package io.mosaic.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.QuerySelection;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class HeaderPolicyTest {

    private static final String BASE = "/fragments/members";
    private static final URI CALLED = URI.create("http://10.0.0.5:8080/api/items?page=2");
    private final PathPolicy paths = PathPolicy.of(List.of("/assets/app.css"), List.of("/api"));
    private final Forwarding forward = new Forwarding(QuerySelection.ALL, List.of("member_session"), List.of("x-tenant", "authorization", "x-auth-request-access-token"));

    @Test
    void requestsCarryTheAllowListAndWhatTheFragmentDeclaredOnly() {
        HttpHeaders in = new HttpHeaders();
        in.set("Accept", "application/json");
        in.set("traceparent", "00-abc-def-01");
        in.set("X-Tenant", "acme");
        in.set("Authorization", "Bearer secret");
        in.set("X-Auth-Request-Access-Token", "sso");
        in.set("X-Forwarded-For", "203.0.113.9");
        in.set("Cookie", "member_session=m1; console_session=c1");
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        cookies.add("member_session", new HttpCookie("member_session", "m1"));
        cookies.add("console_session", new HttpCookie("console_session", "c1"));

        HttpHeaders out = HeaderPolicy.toOrigin(in, cookies, forward, BASE);

        assertThat(out.headerNames()).containsExactlyInAnyOrder("Accept", "traceparent", "X-Tenant", "Cookie",
                HeaderPolicy.BASE_PATH);
        assertThat(out.getFirst("Cookie")).isEqualTo("member_session=m1");
        assertThat(out.getFirst(HeaderPolicy.BASE_PATH)).isEqualTo(BASE);
    }

    @Test
    void aDeclarationCannotForwardCredentials() {
        assertThat(HeaderPolicy.neverForwarded("authorization")).isTrue();
        assertThat(HeaderPolicy.neverForwarded("x-auth-request-email")).isTrue();
        assertThat(HeaderPolicy.neverForwarded("proxy-authorization")).isTrue();
        assertThat(HeaderPolicy.neverForwarded("x-tenant")).isFalse();
    }

    @Test
    void answersKeepContentAndCachingHeadersOnly() {
        HttpHeaders answer = new HttpHeaders();
        answer.set("Content-Type", "application/json");
        answer.set("ETag", "\"v1\"");
        answer.set("X-Fragment-Version", "7");
        for (String hostile : List.of("Service-Worker-Allowed", "Clear-Site-Data", "Strict-Transport-Security",
                "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Refresh", "Content-Security-Policy",
                "Link", "Server", "X-Powered-By")) {
            answer.set(hostile, "x");
        }
        answer.add("Set-Cookie", "member_session=new; Path=/; Domain=example.com; HttpOnly; Secure");
        answer.add("Set-Cookie", "console_session=stolen; Path=/");
        answer.set("Location", "http://evil.example/phish");

        HeaderPolicy.toBrowser(answer, CALLED, BASE, paths, forward.cookies());

        assertThat(answer.headerNames()).containsExactlyInAnyOrder("Content-Type", "ETag", "X-Fragment-Version", "Set-Cookie");
        assertThat(answer.get("Set-Cookie")).containsExactly("member_session=new; HttpOnly; Secure; Path=/fragments/members");
    }

    @Test
    void aLocationStaysInsideTheFragmentsOwnProxyPaths() {
        assertThat(HeaderPolicy.location("/api/items/3", CALLED, BASE, paths)).contains("/fragments/members/api/items/3");
        assertThat(HeaderPolicy.location("3?x=1", CALLED, BASE, paths)).contains("/fragments/members/api/3?x=1");
        assertThat(HeaderPolicy.location("http://10.0.0.5:8080/api/x", CALLED, BASE, paths)).contains("/fragments/members/api/x");
        assertThat(HeaderPolicy.location("/fragments/members/api/x", CALLED, BASE, paths)).contains("/fragments/members/api/x");
        assertThat(HeaderPolicy.location("/admin/users", CALLED, BASE, paths)).isEmpty();
        assertThat(HeaderPolicy.location("/fragments/billing/api/x", CALLED, BASE, paths)).isEmpty();
        assertThat(HeaderPolicy.location("//evil.example/api/x", CALLED, BASE, paths)).isEmpty();
        assertThat(HeaderPolicy.location("https://evil.example/api/x", CALLED, BASE, paths)).isEmpty();
        assertThat(HeaderPolicy.location("http://10.0.0.5:9090/api/x", CALLED, BASE, paths)).isEmpty();
        assertThat(HeaderPolicy.location("/api/..;/secret", CALLED, BASE, paths)).isEmpty();
        assertThat(HeaderPolicy.location("/api/%2e%2e/secret", CALLED, BASE, paths)).isEmpty();
        assertThat(HeaderPolicy.location("javascript:alert(1)", CALLED, BASE, paths)).isEmpty();
    }

    @Test
    void onlyDeclaredCookiesAreSetAndOnlyOnTheFragmentsPath() {
        assertThat(HeaderPolicy.setCookie("member_session=a; Domain=.example.com; Path=/; SameSite=Lax", List.of("member_session"), BASE))
                .contains("member_session=a; SameSite=Lax; Path=/fragments/members");
        assertThat(HeaderPolicy.setCookie("other=a", List.of("member_session"), BASE)).isEmpty();
        assertThat(HeaderPolicy.setCookie("garbage", List.of("member_session"), BASE)).isEmpty();
    }
}
