package io.mosaic.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The path policy on its own, without Spring Security's firewall in front of it. */
class PathPolicyTest {

    private final PathPolicy paths = PathPolicy.of(List.of("/assets/app.css"), List.of("/api", "/api/admin", "/files"));

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/..;/secret", "/api/;jsessionid=1", "/api/%3b/x", "/api/%3B/x",
            "/api/../secret", "/api/./x", "/api/..", "/api/.", "/api/%2e%2e/secret", "/api/%2E%2E/secret",
            "/api/.%2e/secret", "/api/%2e/x", "/api/%c0%ae%c0%ae/secret", "/api/%C0%AE./secret",
            "/api/%e0%80%ae%e0%80%ae/secret", "/api/%ef%bc%8e%ef%bc%8e/secret", "/api/\uff0e\uff0e/secret",
            "/api/%2f..%2fsecret", "/api%2F..%2Fsecret", "/api/%5c..%5csecret", "/api\\..\\secret",
            "/api//secret", "//evil.example/api", "/api/%252e%252e/secret", "/api/%00", "/api/%0d%0aX:1",
            "/api/%zz", "/api/%e", "/api/%ef%bc%8fsecret", "api/relative", ""})
    void refusesEveryEscapeAndServesNone(String path) {
        assertThat(PathPolicy.refusal(path)).as(path).isPresent();
        assertThat(paths.serves(path)).as(path).isFalse();
        assertThat(paths.prefixOf(path)).as(path).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/items", "/api/items/", "/api/a%20b", "/api/caf%C3%A9", "/api/..x/y",
            "/api/x..", "/api/.well-known", "/assets/app.css", "/files/report-2026.csv"})
    void servesCleanDeclaredPaths(String path) {
        assertThat(PathPolicy.refusal(path)).as(path).isEmpty();
        assertThat(paths.serves(path)).as(path).isTrue();
    }

    @Test
    void servesNothingUndeclared() {
        assertThat(paths.serves("/apiary")).isFalse();
        assertThat(paths.serves("/secret")).isFalse();
        assertThat(paths.serves("/assets/app.css/x")).isFalse();
        assertThat(paths.serves("/assets/other.css")).isFalse();
        assertThat(paths.isExact("/assets/app.css")).isTrue();
    }

    @Test
    void theLongestDeclaredPrefixDecides() {
        assertThat(paths.prefixOf("/api/admin/users")).contains("/api/admin");
        assertThat(paths.prefixOf("/api/admin")).contains("/api/admin");
        assertThat(paths.prefixOf("/api/administrators")).contains("/api");
        assertThat(PathPolicy.of(List.of(), List.of("/")).prefixOf("/anything")).contains("/");
    }

    @Test
    void theReasonNamesWhatWasRefused() {
        assertThat(PathPolicy.refusal("/api/..;/secret")).contains("path parameters (;) are not allowed");
        assertThat(PathPolicy.refusal("/api/%2e%2e/x")).contains("dot segments (. and .., also encoded) are not allowed in a path");
        assertThat(PathPolicy.refusal("/api/%c0%ae/x")).get().asString().contains("overlong");
        assertThat(PathPolicy.refusal("/a%2fb")).get().asString().contains("encoded slashes");
        assertThat(PathPolicy.refusal("/a//b")).get().asString().contains("//");
    }
}
