package io.mosaic.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.QuerySelection;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** One fragment's compiled header policy, in its three directions. */
class HeaderPolicyTest {

    private static final String BASE = "/fragments/members";
    private static final URI URL = URI.create("http://10.0.0.5:8080/fragment");
    private static final URI CALLED = URI.create("http://10.0.0.5:8080/api/items?page=2");
    private final PathPolicy paths = PathPolicy.of(List.of("/assets/app.css"), List.of("/api"));
    private final Forwarding forward = new Forwarding(QuerySelection.ALL, List.of("member_session", "mosaic-console"),
            List.of("x-tenant", "authorization", "x-auth-request-access-token", "x-forwarded-user"));

    private HeaderPolicy registered(Set<String> granted) {
        return HeaderPolicy.compile(forward, BASE, URL, paths, Allowance.registered(granted, "mosaic-console"));
    }

    private final HeaderPolicy policy = registered(Set.of());

    private static HttpHeaders browser() {
        HttpHeaders in = new HttpHeaders();
        in.set("Accept", "application/json");
        in.set("traceparent", "00-abc-def-01");
        in.set("X-Tenant", "acme");
        in.set("Authorization", "Bearer secret");
        in.set("X-Auth-Request-Access-Token", "sso");
        in.set("X-Forwarded-User", "alice");
        in.set("X-Forwarded-For", "203.0.113.9");
        in.set("Cookie", "member_session=m1; console_session=c1; mosaic-console=s1");
        return in;
    }

    private static MultiValueMap<String, HttpCookie> cookies() {
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        cookies.add("member_session", new HttpCookie("member_session", "m1"));
        cookies.add("console_session", new HttpCookie("console_session", "c1"));
        cookies.add("mosaic-console", new HttpCookie("mosaic-console", "s1"));
        return cookies;
    }

    @Test
    void proxiedRequestsCarryTheAllowListAndWhatTheFragmentMayReceiveOnly() {
        HttpHeaders out = policy.toOrigin(browser(), cookies());

        assertThat(out.headerNames()).containsExactlyInAnyOrder("Accept", "traceparent", "X-Tenant", "X-Forwarded-User", "Cookie",
                HeaderPolicy.BASE_PATH);
        assertThat(out.getFirst("Cookie")).isEqualTo("member_session=m1");
        assertThat(out.getFirst(HeaderPolicy.BASE_PATH)).isEqualTo(BASE);
    }

    @Test
    void pageFetchesFollowTheSameList() {
        Map<String, String> sent = policy.forPageFetch(Map.of("x-request-id", "r1"), browser());

        assertThat(sent).containsOnlyKeys("x-request-id", "x-tenant", "x-forwarded-user", "cookie");
        assertThat(sent.get("cookie")).isEqualTo("member_session=m1");
    }

    @Test
    void aRegisteredFragmentReceivesADeclaredCredentialOnlyWhenTheOperatorGrantsIt() {
        HeaderPolicy granted = registered(Set.of("Authorization", "mosaic-console"));
        assertThat(granted.forPageFetch(Map.of(), browser())).containsEntry("authorization", "Bearer secret")
                .doesNotContainKey("x-auth-request-access-token").containsEntry("cookie", "member_session=m1; mosaic-console=s1");
        assertThat(granted.toOrigin(browser(), cookies()).getFirst("Authorization")).isEqualTo("Bearer secret");

        HeaderPolicy operators = HeaderPolicy.compile(forward, BASE, URL, paths, Allowance.OPERATOR);
        assertThat(operators.declaredHeaders()).containsExactly("x-tenant", "authorization", "x-auth-request-access-token",
                "x-forwarded-user");
    }

    @Test
    void answersKeepContentAndCachingHeadersOnly() {
        HttpHeaders answer = new HttpHeaders();
        answer.set("Content-Type", "application/json");
        answer.set("ETag", "\"v1\"");
        answer.set("X-Fragment-Version", "7");
        for (String hostile : List.of("Service-Worker-Allowed", "Clear-Site-Data", "Strict-Transport-Security",
                "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Refresh", "Content-Security-Policy",
                "Link", "Server", "X-Powered-By", "Cross-Origin-Resource-Policy")) {
            answer.set(hostile, "x");
        }
        answer.add("Set-Cookie", "member_session=new; Path=/; Domain=example.com; HttpOnly; Secure");
        answer.add("Set-Cookie", "console_session=stolen; Path=/");
        answer.set("Location", "http://evil.example/phish");

        policy.toBrowser(answer, CALLED);

        assertThat(answer.headerNames()).containsExactlyInAnyOrder("Content-Type", "ETag", "X-Fragment-Version", "Set-Cookie",
                "X-Content-Type-Options", "Cross-Origin-Resource-Policy", "Content-Security-Policy");
        assertThat(answer.get("Set-Cookie")).containsExactly("member_session=new; HttpOnly; Secure; Path=/fragments/members");
    }

    @Test
    void everyAnswerIsSandboxedWhateverTheOriginSaid() {
        HttpHeaders answer = new HttpHeaders();
        answer.set("Content-Type", "text/html");
        answer.set("Content-Security-Policy", "default-src *");
        answer.set("X-Content-Type-Options", "sniff-away");

        policy.toBrowser(answer, CALLED);

        assertThat(answer.get("Content-Security-Policy")).containsExactly(HeaderPolicy.SANDBOX);
        assertThat(HeaderPolicy.SANDBOX).startsWith("sandbox ").doesNotContain("allow-same-origin");
        assertThat(answer.get("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(answer.get("Cross-Origin-Resource-Policy")).containsExactly("same-origin");
    }

    @Test
    void aLocationStaysInsideTheFragmentsOwnProxyPaths() {
        assertThat(policy.location("/api/items/3", CALLED)).contains("/fragments/members/api/items/3");
        assertThat(policy.location("3?x=1", CALLED)).contains("/fragments/members/api/3?x=1");
        assertThat(policy.location("http://10.0.0.5:8080/api/x", CALLED)).contains("/fragments/members/api/x");
        assertThat(policy.location("/fragments/members/api/x", CALLED)).contains("/fragments/members/api/x");
        assertThat(policy.location("/admin/users", CALLED)).isEmpty();
        assertThat(policy.location("/fragments/billing/api/x", CALLED)).isEmpty();
        assertThat(policy.location("//evil.example/api/x", CALLED)).isEmpty();
        assertThat(policy.location("https://evil.example/api/x", CALLED)).isEmpty();
        assertThat(policy.location("http://10.0.0.5:9090/api/x", CALLED)).isEmpty();
        assertThat(policy.location("http://user@10.0.0.5:8080/api/x", CALLED)).isEmpty();
        assertThat(policy.location("/api/..;/secret", CALLED)).isEmpty();
        assertThat(policy.location("/api/%2e%2e/secret", CALLED)).isEmpty();
        assertThat(policy.location("javascript:alert(1)", CALLED)).isEmpty();
    }

    @Test
    void onlyDeclaredCookiesAreSetAndOnlyOnTheFragmentsPath() {
        assertThat(policy.setCookie("member_session=a; Domain=.example.com; Path=/; SameSite=Lax"))
                .contains("member_session=a; SameSite=Lax; Path=/fragments/members");
        assertThat(policy.setCookie("other=a")).isEmpty();
        assertThat(policy.setCookie("garbage")).isEmpty();
        assertThat(policy.setCookie("mosaic-console=forged")).as("a gateway cookie the team was not granted").isEmpty();
    }
}
